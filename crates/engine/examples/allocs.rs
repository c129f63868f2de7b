//! Counts heap allocations per headline analysis (`cargo run --release -p news-impact-engine
//! --example allocs`): a counting global allocator around the system one, over the 748 benchmark
//! headlines (one warm-up pass, then one counted pass).

use news_impact_engine::analyze;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "support/headlines.rs"]
mod headlines;

/// The system allocator, counting allocations (reallocations counted apart).
struct Counting;

/// Allocations so far.
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
/// Reallocations so far.
static REALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let articles = headlines::articles();
    let mut found: usize = articles.iter().map(|a| analyze(a).entities.len()).sum();
    let (a0, r0) = (
        ALLOCS.load(Ordering::Relaxed),
        REALLOCS.load(Ordering::Relaxed),
    );
    found += articles
        .iter()
        .map(|a| analyze(a).entities.len())
        .sum::<usize>();
    let allocs = ALLOCS.load(Ordering::Relaxed) - a0;
    let reallocs = REALLOCS.load(Ordering::Relaxed) - r0;
    let n = articles.len() as f64;
    println!(
        "{} headlines ({found} entities): {:.2} allocations and {:.2} reallocations per headline",
        articles.len(),
        allocs as f64 / n,
        reallocs as f64 / n
    );
}

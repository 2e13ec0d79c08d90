//! The memory allocator of the first layer's and the charter reader's wasm (feature
//! `small-allocator`, which their builds turn on): `lol_alloc`'s free-list allocator, a few
//! hundred bytes of wasm where the standard one (dlmalloc) takes several kilobytes. Both are
//! single threaded, live as long as their page and allocate little (a charter, a few strings per
//! choice), so a simple free list serves them. The Yew UI, which
//! allocates much more while it renders, keeps the standard allocator.

use lol_alloc::{AssumeSingleThreaded, FreeListAllocator};

// SAFETY: these modules' wasm runs on the page's one thread only (no threads, no shared
// memory), which is what `AssumeSingleThreaded` requires.
#[global_allocator]
static ALLOCATOR: AssumeSingleThreaded<FreeListAllocator> =
    unsafe { AssumeSingleThreaded::new(FreeListAllocator::new()) };

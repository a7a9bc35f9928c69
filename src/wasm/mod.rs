//! The JS edge: the runtime (fetch through gloo-net, timers, `AbortSignal`), the `#[wasm_bindgen]`
//! façade, JS error objects, and the npm build's allocator. The only code that names JS types.

mod builders;
mod client;
mod deployments;
mod errors;
mod iterator;
mod json;
mod lists;
mod objects;
mod options;
mod runtime;
mod task;

pub use builders::{Cancellable, JsStatusPages};
pub use runtime::{JsBody, JsRuntime};

/// The npm package's allocator: lol_alloc's free list (feature `npm-alloc`; a Rust app that
/// depends on the crate keeps its own global allocator).
///
/// Chosen by measurement on 2026-12-06, each allocator in the nightly build of `make pkg`:
/// the browser download (gzip -9), and medians from `node tests/bench/builds.js` with the builds
/// alternating in one process (paginate over 10,000 statuses, 60 rounds; sequential
/// `getDeploymentStatus`, 30 rounds of 200; 1,000 concurrent calls, 30 rounds):
///
/// | allocator | download B | paginate ms | per call ms | burst ms |
/// |---|---:|---:|---:|---:|
/// | lol_alloc 0.4.1 `FreeListAllocator` (this one) | 43,500 | 266.4 | 0.566 | 872 |
/// | the crate's own power-of-two size classes (removed) | 43,623 | 261.5 | 0.584 | 858 |
/// | talc 5.1.1, `disable-realloc-in-place` | 43,944 | 263.8 | 0.544 | 871 |
/// | talc 5.1.1 | 44,063 | 264.0 | 0.568 | 875 |
/// | dlmalloc (std's default) | 45,782 | 261.6 | 0.603 | 861 |
///
/// The times differ by less than they move between runs (in another run of 60 rounds lol_alloc
/// paginated in 239.3 ms and the size classes in 239.9), also with the heap fragmented by
/// 10,000 freed clients, so the smallest wins. Its allocations and frees walk a free list kept
/// in address order with neighbours merged, which stays short here; talc's bins are O(1) for
/// 444 B more, should that ever show. Peak wasm memory in `tests/reliability/load.test.js`:
/// 2,496 KiB after the bursts and 23,040 KiB after a 20 MB answer (size classes: 3,264 and
/// 36,096 KiB, as they round every block up to a power of two).
#[cfg(feature = "npm-alloc")]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so no two calls
// into the allocator overlap.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

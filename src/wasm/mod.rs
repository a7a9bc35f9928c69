//! The JS edge: the runtime (fetch through gloo-net, timers, `AbortSignal`), the `#[wasm_bindgen]`
//! façade, JS error objects, and the npm build's allocator. The only code that names JS types.

mod builders;
mod client;
mod errors;
mod iterator;
mod json;
mod objects;
mod options;
mod runtime;
mod task;

#[cfg(feature = "size-class-alloc")]
mod size_classes;

pub use builders::{Cancellable, JsStatusPages};
pub use runtime::{JsBody, JsRuntime};

/// The npm package's allocator (see `size_classes`).
#[cfg(feature = "size-class-alloc")]
#[global_allocator]
static ALLOCATOR: size_classes::SizeClasses = size_classes::SizeClasses::new();

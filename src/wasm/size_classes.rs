//! A small, O(1) allocator for the npm package's wasm: power-of-two size classes with free lists.
//!
//! The default allocator (dlmalloc) is about 8 KB of wasm, the largest library item in the
//! package. This one is a few hundred bytes. Every block is a power of two from 16 bytes up;
//! a freed block goes on its class's free list and is handed out again for the next request of
//! that class, so a steady workload (one page of statuses after another) runs in flat memory.
//! Memory is never given back (wasm memory cannot shrink), and a request can use up to twice
//! its size. Only the npm build turns it on (feature `size-class-alloc`): a Rust app that
//! depends on the crate keeps its own global allocator.
//!
//! wasm32-unknown-unknown without the atomics feature has one thread, so the state needs no lock.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// log2 of the smallest block: room for the free-list link and the usual 16-byte alignment.
const MIN_SHIFT: u32 = 4;
/// Classes from 2^4 to 2^31 bytes: everything wasm32's 4 GiB can hold.
const CLASSES: usize = 28;
/// Bytes in a wasm page, the unit `memory.grow` counts in.
const PAGE: usize = 65_536;

struct State {
    /// Per class, the address of the first free block (0: none); each free block's first word
    /// holds the address of the next.
    free: [usize; CLASSES],
    /// The next unused byte of the region taken from `memory.grow`, and the region's end.
    next: usize,
    end: usize,
}

/// The allocator; see the module docs.
pub struct SizeClasses(UnsafeCell<State>);

// SAFETY: wasm32-unknown-unknown without atomics runs one thread, so no two calls overlap.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    /// An allocator that has taken no memory yet.
    pub const fn new() -> SizeClasses {
        SizeClasses(UnsafeCell::new(State {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

/// The class of `layout`: the power of two holding its size and alignment.
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    let shift = size.checked_next_power_of_two()?.trailing_zeros();
    let class = usize::try_from(shift.checked_sub(MIN_SHIFT)?).ok()?;
    (class < CLASSES).then_some(class)
}

impl State {
    /// A fresh block of `size` bytes aligned to `align` from the end of the region, growing
    /// wasm memory when the region is too short.
    fn carve(&mut self, size: usize, align: usize) -> Option<usize> {
        let mut start = self.next.checked_add(align - 1)? & !(align - 1);
        if start.checked_add(size)? > self.end {
            let pages = size.checked_add(align)?.div_ceil(PAGE);
            let old_pages = core::arch::wasm32::memory_grow(0, pages);
            if old_pages == usize::MAX {
                return None;
            }
            let region = old_pages.checked_mul(PAGE)?;
            let region_end = region.checked_add(pages.checked_mul(PAGE)?)?;
            // Contiguous with the last region: keep its tail; otherwise start afresh.
            if region != self.end {
                self.next = region;
            }
            self.end = region_end;
            start = self.next.checked_add(align - 1)? & !(align - 1);
        }
        self.next = start.checked_add(size)?;
        Some(start)
    }
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return null_mut();
        };
        // SAFETY: single-threaded (see `Sync`), and no reference to the state outlives this call.
        let state = unsafe { &mut *self.0.get() };
        let Some(head) = state.free.get_mut(class) else {
            return null_mut();
        };
        // A reused block was carved for its class with at least 16-byte alignment; a rarer,
        // stricter alignment takes a fresh block.
        if *head != 0 && *head % layout.align() == 0 {
            let block = *head;
            // SAFETY: `block` is a free block of this class; its first word is the next link.
            *head = unsafe { *(block as *const usize) };
            return block as *mut u8;
        }
        let size = 1usize << (class as u32 + MIN_SHIFT);
        let align = layout.align().max(1 << MIN_SHIFT);
        state
            .carve(size, align)
            .map_or(null_mut(), |block| block as *mut u8)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(class) = class_of(layout) else {
            return;
        };
        // SAFETY: single-threaded (see `Sync`).
        let state = unsafe { &mut *self.0.get() };
        if let Some(head) = state.free.get_mut(class) {
            // SAFETY: `ptr` was handed out for this class and is at least 16 bytes, aligned.
            unsafe { *(ptr as *mut usize) = *head };
            *head = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Growing or shrinking within the block's class keeps the block.
        let same = Layout::from_size_align(new_size, layout.align())
            .ok()
            .and_then(class_of)
            .is_some_and(|class| Some(class) == class_of(layout));
        if same {
            return ptr;
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        // SAFETY: the caller's contract for `realloc` covers `ptr`, `layout` and `new_size`.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

//! wasm-bindgen-test of the npm package's allocator (feature `npm-alloc`, lol_alloc's free list):
//! blocks are aligned, keep their contents through realloc, never overlap, and freed ones are
//! reused.
#![cfg(all(target_arch = "wasm32", feature = "npm-alloc"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

// Linked for its `#[global_allocator]`: an extern crate nothing names is not linked at all.
use github_deployment_status as _;
use wasm_bindgen_test::wasm_bindgen_test;

/// A byte pattern that differs per block and per offset.
fn fill(seed: usize, len: usize) -> Vec<u8> {
    (0..len).map(|i| (seed * 31 + i * 7) as u8).collect()
}

#[wasm_bindgen_test]
fn blocks_of_every_size_hold_their_bytes_and_do_not_overlap() {
    let sizes: Vec<usize> = (0..20)
        .map(|s| 1usize << s)
        .flat_map(|n| [n - 1, n, n + 1])
        .collect();
    let blocks: Vec<Vec<u8>> = sizes.iter().enumerate().map(|(i, &n)| fill(i, n)).collect();
    for (i, block) in blocks.iter().enumerate() {
        assert_eq!(*block, fill(i, sizes[i]), "block {i} of {} bytes", sizes[i]);
    }
    let mut spans: Vec<(usize, usize)> = blocks
        .iter()
        .filter(|b| !b.is_empty())
        .map(|b| (b.as_ptr() as usize, b.as_ptr() as usize + b.len()))
        .collect();
    spans.sort_unstable();
    assert!(
        spans.windows(2).all(|w| w[0].1 <= w[1].0),
        "no two blocks overlap"
    );
}

#[wasm_bindgen_test]
fn alignment_is_kept_for_every_layout() {
    #[repr(align(64))]
    struct Wide([u8; 3]);
    #[repr(align(4096))]
    struct Paged(u8);
    let boxes: Vec<Box<Wide>> = (0..50).map(|i| Box::new(Wide([i; 3]))).collect();
    assert!(boxes
        .iter()
        .all(|b| (&**b as *const Wide as usize) % 64 == 0));
    let paged: Vec<Box<Paged>> = (0..5).map(|i| Box::new(Paged(i))).collect();
    assert!(paged
        .iter()
        .all(|b| (&**b as *const Paged as usize) % 4096 == 0));
    let words: Vec<Box<u128>> = (0..50).map(Box::new).collect();
    assert!(words
        .iter()
        .all(|b| (&**b as *const u128 as usize) % 16 == 0));
    assert!(words.iter().enumerate().all(|(i, b)| **b == i as u128));
    assert!(boxes.iter().enumerate().all(|(i, b)| b.0 == [i as u8; 3]));
    assert!(paged.iter().enumerate().all(|(i, b)| usize::from(b.0) == i));
}

#[wasm_bindgen_test]
fn growing_and_shrinking_keeps_the_contents() {
    let mut text = String::new();
    for i in 0..20_000u32 {
        text.push(char::from(b'a' + (i % 26) as u8));
    }
    assert!(text
        .bytes()
        .enumerate()
        .all(|(i, b)| b == b'a' + (i % 26) as u8));
    text.truncate(10);
    text.shrink_to_fit();
    assert_eq!(text, "abcdefghij");
}

#[wasm_bindgen_test]
fn a_steady_workload_reuses_freed_blocks_instead_of_growing() {
    let pages = || {
        for i in 0..200 {
            let page = fill(i, 110_000);
            let small: Vec<String> = (0..100).map(|n| n.to_string()).collect();
            assert_eq!(page.len() + small.len(), 110_100);
        }
    };
    pages();
    let before = core::arch::wasm32::memory_size(0);
    pages();
    assert_eq!(
        core::arch::wasm32::memory_size(0),
        before,
        "wasm memory grew"
    );
}

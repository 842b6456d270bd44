//! The binary's allocator: mimalloc, asked through its plain entry points.
//!
//! The stages build many small strings and vectors per story (mention texts, canonical
//! names, token lists); mimalloc's thread-local free lists make those several times
//! cheaper than glibc's malloc. The `mimalloc` crate's allocator passes every request to
//! `mi_malloc_aligned`, whose fast path in mimalloc 3 covers only blocks of up to 1 KB
//! with a free block at hand: a token list or an output buffer goes through its generic
//! aligned path, ~50 instructions a call where `mi_malloc` takes ~20 (on the reference
//! story, 209 allocations a story: ~4M instructions of 372M). Nearly every Rust type is
//! aligned to at most 8 bytes, which every mimalloc block is (its blocks are multiples of
//! 8 bytes from a 16-byte aligned start), so those go to `mi_malloc`; anything more
//! aligned keeps the aligned entry points.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as ffi;

/// The alignment every block mimalloc hands out has: its word size.
const PLAIN_ALIGN: usize = std::mem::size_of::<usize>();

/// mimalloc as the global allocator, with the plain entry points where the alignment
/// allows them.
pub struct Allocator;

// SAFETY: each method forwards to a mimalloc function that meets the `GlobalAlloc`
// contract for the layout: the plain ones only where `layout.align()` is at most the
// word alignment every mimalloc block has; `mi_free` frees blocks from either family.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_malloc(layout.size()).cast()
        } else {
            ffi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_zalloc(layout.size()).cast()
        } else {
            ffi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        ffi::mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            ffi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    /// Sizes up to 96 KB, several blocks alive at once (so that blocks other than a
    /// page's first are handed out), allocated, grown, zeroed and freed through the
    /// allocator for alignments on both paths: each pointer must be aligned as asked and
    /// its bytes usable.
    #[test]
    fn blocks_are_aligned_and_usable_on_both_paths() {
        // Imported here, not for the module: benches/pipeline.rs includes this file,
        // and its build leaves the test out.
        use super::*;
        let a = Allocator;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            let mut base = 1;
            while base <= 1 << 16 {
                for size in [base, base + 8, base * 3 / 2] {
                    let layout = Layout::from_size_align(size, align).unwrap();
                    let grown = Layout::from_size_align(size * 2, align).unwrap();
                    // SAFETY: non-zero sizes; each block is written within its size and
                    // freed once with the layout it has.
                    unsafe {
                        let blocks: Vec<*mut u8> = (0..5).map(|_| a.alloc(layout)).collect();
                        for &p in &blocks {
                            assert!(!p.is_null(), "size {size} align {align}");
                            assert_eq!(p as usize % align, 0, "size {size} align {align}");
                            p.write_bytes(0xAB, size);
                        }
                        for p in blocks {
                            let q = a.realloc(p, layout, size * 2);
                            assert_eq!(q as usize % align, 0, "realloc {size} align {align}");
                            assert_eq!(*q.add(size - 1), 0xAB, "realloc kept the bytes");
                            a.dealloc(q, grown);
                        }
                        let z = a.alloc_zeroed(layout);
                        assert_eq!(z as usize % align, 0, "zeroed {size} align {align}");
                        assert!((0..size).all(|i| *z.add(i) == 0), "zeroed {size}");
                        a.dealloc(z, layout);
                    }
                }
                base *= 2;
            }
        }
    }
}

//! The wasm heap: a small segregated free-list allocator (consentry is `no_std` on wasm, so
//! that panics abort without pulling in `core::fmt`, and std's dlmalloc is ~7 KB of wasm).
//!
//! Blocks come in power-of-two size classes from 16 bytes to 64 KiB; a freed block goes on
//! its class's list and is reused by the next request of that class. Larger requests take
//! whole 64 KiB pages and are kept on their own first-fit list when freed. Memory only
//! grows (wasm memory cannot shrink). consentry's heap is a few hundred KiB at most.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65_536;
const MIN_CLASS: usize = 4; // 16 bytes
const MAX_CLASS: usize = 16; // 64 KiB
const CLASSES: usize = MAX_CLASS - MIN_CLASS + 1;

/// Where fresh memory comes from: `memory.grow` on wasm, a test arena natively.
pub(crate) trait Pages {
    /// Grow by `pages`; the address of the new memory, or `None`.
    fn grow(&mut self, pages: usize) -> Option<usize>;
}

/// A large block's header, kept on the large free list.
struct Large {
    pages: usize,
    next: *mut Large,
}

pub(crate) struct Heap<P: Pages> {
    pages: P,
    free: [*mut u8; CLASSES],
    large: *mut Large,
    bump: usize,
    end: usize,
}

impl<P: Pages> Heap<P> {
    pub(crate) const fn new(pages: P) -> Self {
        Heap { pages, free: [null_mut(); CLASSES], large: null_mut(), bump: 0, end: 0 }
    }

    fn class(layout: Layout) -> usize {
        let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
        (usize::BITS - (size - 1).leading_zeros()) as usize
    }

    /// # Safety
    /// As `GlobalAlloc::alloc`.
    pub(crate) unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let class = Self::class(layout);
        if class > MAX_CLASS {
            return self.alloc_large(layout.size().max(layout.align()));
        }
        let slot = &mut self.free[class - MIN_CLASS];
        if !slot.is_null() {
            let block = *slot;
            *slot = *(block as *mut *mut u8);
            return block;
        }
        let size = 1usize << class;
        // Blocks are aligned to their size (up to a page), so any alignment ≤ size holds.
        let align = size.min(PAGE);
        let start = (self.bump + align - 1) & !(align - 1);
        if start + size > self.end || self.end == 0 {
            let Some(base) = self.pages.grow(1) else { return null_mut() };
            if base != self.end {
                self.bump = base;
            }
            self.end = base + PAGE;
            let start = (self.bump + align - 1) & !(align - 1);
            if start + size > self.end {
                return null_mut();
            }
            self.bump = start + size;
            return start as *mut u8;
        }
        self.bump = start + size;
        start as *mut u8
    }

    unsafe fn alloc_large(&mut self, size: usize) -> *mut u8 {
        let pages = size.div_ceil(PAGE);
        let mut link: *mut *mut Large = &mut self.large;
        while !(*link).is_null() {
            let block = *link;
            if (*block).pages >= pages {
                *link = (*block).next;
                return block as *mut u8;
            }
            link = &mut (*block).next;
        }
        match self.pages.grow(pages) {
            Some(base) => {
                // The bump region's remainder is still usable; only note a gap.
                if base == self.end {
                    self.end = base; // the next small allocation grows a fresh page
                    self.bump = base;
                }
                let block = base as *mut Large;
                (*block).pages = pages;
                block as *mut u8
            }
            None => null_mut(),
        }
    }

    /// # Safety
    /// As `GlobalAlloc::dealloc`.
    pub(crate) unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        let class = Self::class(layout);
        if class > MAX_CLASS {
            let block = ptr as *mut Large;
            (*block).pages = layout.size().max(layout.align()).div_ceil(PAGE);
            (*block).next = self.large;
            self.large = block;
            return;
        }
        let slot = &mut self.free[class - MIN_CLASS];
        *(ptr as *mut *mut u8) = *slot;
        *slot = ptr;
    }
}

/// A global for wasm's single thread, used like `thread_local!` (`NAME.with(|cell| …)`).
/// Natively (tests, fuzzing) it is a real `thread_local!`.
macro_rules! global {
    ($(#[$m:meta])* static $name:ident: $t:ty = $init:expr;) => {
        #[cfg(target_arch = "wasm32")]
        $(#[$m])*
        static $name: $crate::mem::Global<$t> = $crate::mem::Global::new($init);
        #[cfg(not(target_arch = "wasm32"))]
        std::thread_local! { $(#[$m])* static $name: $t = const { $init }; }
    };
}
pub(crate) use global;

/// `memory.grow` on the wasm memory.
#[cfg(target_arch = "wasm32")]
pub(crate) struct WasmPages;

#[cfg(target_arch = "wasm32")]
impl Pages for WasmPages {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let previous = core::arch::wasm32::memory_grow(0, pages);
        (previous != usize::MAX).then(|| previous * PAGE)
    }
}

/// The global allocator: wasm is single-threaded, so one heap behind an `UnsafeCell`.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Allocator(UnsafeCell<Heap<WasmPages>>);

#[cfg(target_arch = "wasm32")]
// SAFETY: wasm32-unknown-unknown without threads has a single thread of execution.
unsafe impl Sync for Allocator {}

#[cfg(target_arch = "wasm32")]
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        (*self.0.get()).dealloc(ptr, layout)
    }
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap::new(WasmPages)));

/// On wasm a panic is a bug; it traps at once instead of formatting a message (which would
/// bring `core::fmt` into the wasm). The loader reports the trap as an engine error.
#[cfg(all(target_arch = "wasm32", not(test), not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// See [`global!`].
#[cfg(target_arch = "wasm32")]
pub(crate) struct Global<T>(T);

// SAFETY: wasm32-unknown-unknown without threads has a single thread of execution.
#[cfg(target_arch = "wasm32")]
unsafe impl<T> Sync for Global<T> {}

#[cfg(target_arch = "wasm32")]
impl<T> Global<T> {
    pub(crate) const fn new(value: T) -> Self {
        Global(value)
    }

    pub(crate) fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    /// A test arena standing in for wasm memory.
    struct Arena {
        memory: Vec<u8>,
        used: usize,
    }

    impl Pages for Arena {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let base = self.memory.as_ptr() as usize;
            let aligned = (base + PAGE - 1) & !(PAGE - 1);
            let start = aligned + self.used;
            if start + pages * PAGE > base + self.memory.len() {
                return None;
            }
            self.used += pages * PAGE;
            Some(start)
        }
    }

    #[test]
    fn blocks_are_aligned_distinct_reused_and_bounded() {
        let mut heap = Heap::new(Arena { memory: std::vec![0u8; 400 * PAGE], used: 0 });
        unsafe {
            let mut live: Vec<(usize, Layout)> = Vec::new();
            // A deterministic mix of sizes and alignments, allocated, written, freed.
            let mut seed = 12345u64;
            for round in 0..4000 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let size = 1 + (seed >> 33) as usize % if round % 97 == 0 { 200_000 } else { 3000 };
                let align = 1usize << ((seed >> 20) % 4);
                let layout = Layout::from_size_align(size, align).unwrap();
                let p = heap.alloc(layout);
                assert!(!p.is_null(), "allocation {round} of {size} failed");
                assert_eq!(p as usize % align, 0);
                core::ptr::write_bytes(p, (round % 251) as u8, size);
                for (q, l) in &live {
                    let (a, b) = (p as usize, *q);
                    assert!(a + size <= b || b + l.size() <= a, "overlap");
                }
                live.push((p as usize, layout));
                if live.len() > 40 {
                    let (q, l) = live.remove((seed >> 40) as usize % live.len());
                    heap.dealloc(q as *mut u8, l);
                }
            }
            // Reuse: freeing and re-allocating one class gives the same block back.
            let l = Layout::from_size_align(100, 8).unwrap();
            let a = heap.alloc(l);
            heap.dealloc(a, l);
            assert_eq!(heap.alloc(l), a);
        }
    }
}

//! Leptos's tasks (effects, and the app's own `spawn_local`) in slices of the main thread.
//!
//! wasm-bindgen's executor runs every ready task in the microtasks of the current task, so one
//! signal change could chain the effects of a whole screen into one long task: after the mount,
//! the map's creation, the first fetch and the first effects ran back to back (about 300 ms of a
//! phone's time under the bench's slowdown), and no touch or frame could come in between.
//!
//! Here a task is polled as before, unless the current slice of the main thread has already run
//! for `SLICE_MS`; then it waits for the next slice, which starts in a new browser task (a message
//! to ourselves: neither clamped like `setTimeout` nor held by a page's fake clock). Every slice
//! polls at least one task, so everything still runs, in the same order it was woken.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long one slice may run, in ms, before the next task waits for a new one. Short, as
/// React's scheduler yields every 5 ms, so that a touch never waits long behind the app's work.
/// Against 30 ms (docs/performance.md, 2026-11-26): Lighthouse performance median 91
/// against 80 on the real data, at the cost of a slower first letter typed at 100,000 places.
const SLICE_MS: f64 = 12.0;

struct Slicer {
    /// Posts to `receive`, which starts the next slice.
    post: web_sys::MessagePort,
    /// Kept alive with the port it handles.
    _receive: Closure<dyn FnMut()>,
}

thread_local! {
    /// When the current slice started (`Date.now()`), or `None` between slices.
    static SLICE_START: Cell<Option<f64>> = const { Cell::new(None) };
    /// Tasks waiting for the next slice.
    static WAITING: RefCell<Vec<Waker>> = const { RefCell::new(Vec::new()) };
    /// `None` where no message channel could be made: then nothing waits.
    static SLICER: Option<Slicer> = make_slicer();
}

fn make_slicer() -> Option<Slicer> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let receive = Closure::<dyn FnMut()>::new(|| {
        SLICE_START.set(None);
        let waiting = WAITING.with_borrow_mut(std::mem::take);
        for waker in waiting {
            waker.wake();
        }
    });
    channel.port2().set_onmessage(Some(receive.as_ref().unchecked_ref()));
    Some(Slicer { post: channel.port1(), _receive: receive })
}

/// Whether the current slice has run its time. The first poll of a slice starts it, and posts the
/// message that ends it.
fn slice_spent() -> bool {
    let now = js_sys::Date::now();
    match SLICE_START.get() {
        Some(start) => now - start >= SLICE_MS,
        None => {
            let posted = SLICER.with(|s| s.as_ref().is_some_and(|s| s.post.post_message(&wasm_bindgen::JsValue::NULL).is_ok()));
            // With no message on its way nothing could wake a waiting task: then no slice ends.
            if posted {
                SLICE_START.set(Some(now));
            }
            false
        }
    }
}

/// A task that waits for a new slice when the current one is spent.
struct Sliced(PinnedLocalFuture<()>);

impl Future for Sliced {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if slice_spent() {
            // `slice_spent` is true only while a slice runs, so its ending message is on its way.
            WAITING.with_borrow_mut(|w| w.push(cx.waker().clone()));
            return Poll::Pending;
        }
        self.0.as_mut().poll(cx)
    }
}

/// Waits for the next slice if the current one has run its time; else goes on at once. For a long
/// piece of work inside one task (reading a large file) to let input and frames in between.
pub async fn pause() {
    Pause(false).await
}

struct Pause(bool);

impl Future for Pause {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 || !slice_spent() {
            return Poll::Ready(());
        }
        // As in `Sliced`: the message that ends the slice is on its way, and wakes this.
        self.0 = true;
        WAITING.with_borrow_mut(|w| w.push(cx.waker().clone()));
        Poll::Pending
    }
}

struct SlicedExecutor;

impl CustomExecutor for SlicedExecutor {
    fn spawn(&self, fut: PinnedFuture<()>) {
        // One thread: a `Send` future runs like any other.
        let fut: PinnedLocalFuture<()> = fut;
        wasm_bindgen_futures::spawn_local(Sliced(fut));
    }
    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        wasm_bindgen_futures::spawn_local(Sliced(fut));
    }
    fn poll_local(&self) {}
}

/// Makes the sliced executor Leptos's. Before the mount, whose own set-up then finds one in place.
pub fn install() {
    // An error means one is set already (a second start): wasm-bindgen's plain executor, or this
    // one, runs the tasks, and either does.
    let _ = Executor::init_custom_executor(SlicedExecutor);
}

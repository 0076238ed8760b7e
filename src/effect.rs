//! One copy of Leptos's effect machinery for all of the app's effects.
//!
//! `Effect::new` builds its whole async loop (scheduling, dependency tracking, cleanup) around
//! the closure it is given, so each call site made its own copy in the wasm. Here every effect
//! goes through one boxed `FnMut()`, and the previous value is kept in the box.

use leptos::prelude::Effect;

/// `Effect::new(f)`: runs `f` with the value it returned last time (`None` the first time).
pub fn effect<T: 'static>(mut f: impl FnMut(Option<T>) -> T + 'static) {
    let mut last: Option<T> = None;
    boxed(Box::new(move || {
        let value = f(last.take());
        last = Some(value);
    }));
}

#[inline(never)]
fn boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_: Option<()>| f());
}

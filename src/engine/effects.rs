//! What a consent action causes that may run site code — events and callbacks, released
//! scripts, service hooks, Consent Mode commands, tag-manager events, a reload — as data. The wasm API returns it
//! to the JS loader, which carries it out after the engine has returned, so site code calling
//! the API again always finds the engine free. The wire form is `protocol::Fx`.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::consent::record::services_value;
use crate::protocol::{Action, Fx, Modal};
use crate::value::{Handle, Value};

/// v3's events (README "API"): each reaches the config callback and a `cc:` window event.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Event {
    FirstConsent,
    Consent,
    /// The changed category names and, per category, changed service names.
    Change(Vec<String>, Vec<(String, Vec<String>)>),
    ModalShow(Modal),
    ModalHide(Modal),
    ModalReady(Modal),
}

impl Event {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Event::FirstConsent => "cc:onFirstConsent",
            Event::Consent => "cc:onConsent",
            Event::Change(..) => "cc:onChange",
            Event::ModalShow(_) => "cc:onModalShow",
            Event::ModalHide(_) => "cc:onModalHide",
            Event::ModalReady(_) => "cc:onModalReady",
        }
    }
}

/// One thing for the loader to do.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Effect {
    /// Fire an event with its `detail`; `callback` is the config's handler.
    Emit {
        event: Event,
        detail: Value,
        callback: Option<Handle>,
    },
    /// Release these held elements (indexes from the host's `held()` list): every one that
    /// may run now. Queued ones missing from the list are no longer allowed.
    Release(Vec<u32>),
    /// Hold these released embeds again (their consent was withdrawn).
    Block(Vec<u32>),
    /// Put this placeholder markup before the held frame at this index.
    Placeholder(u32, String),
    /// Check the elements held by auto-blocking again (consent changed).
    Recheck,
    /// Tell the site's other tabs that the stored consent changed.
    Broadcast,
    /// `gtag(…)` with these arguments (Consent Mode's `default`, `set` and `update`).
    Gtag(Vec<Value>),
    /// Send this consent record to the endpoint (`consentLog`).
    Log(String, Value),
    /// Call a service's `onAccept` / `onReject`.
    Call(Handle),
    Reload,
    /// Once everything before it is done, this action (v3: the banner closes, then the
    /// choice is made, each listener seeing the state of its moment).
    Then(Action),
    /// Offer the visitor a file: its name and its JSON content.
    Download(String, Value),
    /// Push these items onto the page's array `window[global]` (made if missing).
    Push(&'static str, Vec<Value>),
}

impl Effect {
    /// An `Emit` with the detail v3 gives that event. `cookie` is the stored value.
    pub(crate) fn emit(event: Event, cookie: Value, callback: Option<Handle>) -> Effect {
        let detail = match &event {
            Event::FirstConsent | Event::Consent => crate::value::obj(vec![("cookie", cookie)]),
            Event::Change(categories, services) => {
                crate::value::obj(vec![("cookie", cookie), ("changedCategories", Value::str_array(categories)), ("changedServices", services_value(services))])
            }
            Event::ModalShow(m) | Event::ModalHide(m) | Event::ModalReady(m) => crate::value::obj(vec![("modalName", Value::Str(m.event_name().into()))]),
        };
        Effect::Emit { event, detail, callback }
    }
}

fn num(n: impl Into<f64>) -> Value {
    Value::Num(n.into())
}

fn indexes(list: &[u32]) -> Value {
    Value::Arr(list.iter().map(|i| num(*i)).collect())
}

/// The effects as the loader reads them: a JSON array of `[kind, …]` (`protocol::Fx`).
pub(crate) fn to_json(effects: &[Effect]) -> String {
    let mut list = Vec::with_capacity(effects.len());
    for e in effects {
        let (kind, mut args) = match e {
            Effect::Emit { event, detail, callback } => {
                let modal = match event {
                    Event::ModalReady(m) => num(m.code()),
                    _ => num(-1),
                };
                let callback = callback.map(num).unwrap_or(Value::Null);
                (Fx::Emit, vec![Value::Str(event.name().into()), detail.clone(), callback, modal])
            }
            Effect::Release(list) => (Fx::Release, vec![indexes(list)]),
            Effect::Block(list) => (Fx::Block, vec![indexes(list)]),
            Effect::Placeholder(index, html) => (Fx::Placeholder, vec![num(*index), Value::Str(html.clone())]),
            Effect::Recheck => (Fx::Recheck, vec![]),
            Effect::Broadcast => (Fx::Broadcast, vec![]),
            Effect::Gtag(args) => (Fx::Gtag, vec![Value::Arr(args.clone())]),
            Effect::Log(endpoint, record) => (Fx::Log, vec![Value::Str(endpoint.clone()), record.clone()]),
            Effect::Call(h) => (Fx::Call, vec![num(*h)]),
            Effect::Reload => (Fx::Reload, vec![]),
            Effect::Then(action) => (Fx::Then, vec![num(action.code())]),
            Effect::Download(name, content) => (Fx::Download, vec![Value::Str(name.clone()), content.clone()]),
            Effect::Push(global, items) => (Fx::Push, vec![Value::Str((*global).into()), Value::Arr(items.clone())]),
        };
        args.insert(0, num(kind.code()));
        list.push(Value::Arr(args));
    }
    Value::Arr(list).to_json()
}

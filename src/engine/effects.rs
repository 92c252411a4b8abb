//! What a consent action causes that may run site code — events and callbacks, released
//! scripts, service hooks, a reload — as data. The wasm API returns it to the JS loader,
//! which carries it out after the engine has returned, so site code calling the API again
//! always finds the engine free.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::consent::record::services_value;
use crate::ui::Modal;
use crate::value::{Handle, Value};

/// The events of INTERFACE §5: each reaches the config callback and a `cc:` window event.
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
    /// `gtag('consent', 'update', state)`.
    ConsentMode(Value),
    /// Send this consent record to the endpoint (`consentLog`).
    Log(String, Value),
    /// Call a service's `onAccept` / `onReject`.
    Call(Handle),
    Reload,
}

impl Effect {
    /// An `Emit` with the detail v3 gives that event. `cookie` is the stored value.
    pub(crate) fn emit(event: Event, cookie: Value, callback: Option<Handle>) -> Effect {
        let detail = match &event {
            Event::FirstConsent | Event::Consent => Value::Obj(vec![("cookie".into(), cookie)]),
            Event::Change(categories, services) => Value::Obj(vec![
                ("cookie".into(), cookie),
                ("changedCategories".into(), Value::str_array(categories)),
                ("changedServices".into(), services_value(services)),
            ]),
            Event::ModalShow(m) | Event::ModalHide(m) | Event::ModalReady(m) => Value::Obj(vec![("modalName".into(), Value::Str(m.name().into()))]),
        };
        Effect::Emit { event, detail, callback }
    }
}

/// The effects as JSON for the loader: `["e", name, detail, callback|null, modal|-1]`,
/// `["r", [indexes]]`, `["k", [indexes]]`, `["p", index, html]`, `["b"]`, `["y"]`,
/// `["g", state]`, `["o", endpoint, record]`,
/// `["c", handle]`, `["l"]`.
pub(crate) fn to_json(effects: &[Effect]) -> String {
    let mut list = Vec::with_capacity(effects.len());
    for e in effects {
        let handle = |h: Option<Handle>| h.map(|h| Value::Num(f64::from(h))).unwrap_or(Value::Null);
        list.push(Value::Arr(match e {
            Effect::Emit { event, detail, callback } => {
                let modal = match event {
                    Event::ModalReady(m) => f64::from(*m as u8),
                    _ => -1.0,
                };
                vec![Value::Str("e".into()), Value::Str(event.name().into()), detail.clone(), handle(*callback), Value::Num(modal)]
            }
            Effect::Release(indexes) => vec![Value::Str("r".into()), Value::Arr(indexes.iter().map(|i| Value::Num(f64::from(*i))).collect())],
            Effect::Block(indexes) => vec![Value::Str("k".into()), Value::Arr(indexes.iter().map(|i| Value::Num(f64::from(*i))).collect())],
            Effect::Placeholder(index, html) => vec![Value::Str("p".into()), Value::Num(f64::from(*index)), Value::Str(html.clone())],
            Effect::Recheck => vec![Value::Str("b".into())],
            Effect::ConsentMode(state) => vec![Value::Str("g".into()), state.clone()],
            Effect::Log(endpoint, record) => vec![Value::Str("o".into()), Value::Str(endpoint.clone()), record.clone()],
            Effect::Broadcast => vec![Value::Str("y".into())],
            Effect::Call(h) => vec![Value::Str("c".into()), Value::Num(f64::from(*h))],
            Effect::Reload => vec![Value::Str("l".into())],
        }));
    }
    Value::Arr(list).to_json()
}

//! The engine's one entry point, `call(op, a, b)`, through which the loader
//! (`src/js/core.js`) reaches the engine behind each `CookieConsent` function. Operations,
//! arguments and replies are defined in `crate::protocol` (docs/protocol.md): every reply
//! is a status digit and a payload; an unknown operation or an out-of-range code is a
//! `BadRequest`, never read as another one. One entry point means one piece of wasm-bindgen
//! glue; the public, typed API is the loader's.
//!
//! Calls that may cause site code to run return their effects (`engine::effects`) for the
//! loader to carry out after this call has returned, so site code that calls the API again
//! always finds the engine free.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::consent::Request;
use crate::engine::{effects, read_named, Effect, Engine, Phase};
use crate::error::Error;
use crate::host::Host;
use crate::protocol::{reply, Action, Op, Parts, Role, Scope, Status, Verdict};
use crate::value::{parse_json, parse_walked, Value};

/// The engine of the page (none before `run()` and after `reset()`), and the calls that
/// wait for it to start.
#[derive(Default)]
pub(crate) struct Slot {
    engine: Option<Engine>,
    /// Calls that change the page, made while the engine is configured but the page is not
    /// ready yet (it is still parsing, or a translation is loading): applied when it starts.
    waiting: Vec<(Op, String, String)>,
}

/// What an operation answers.
enum Answer {
    Effects(Vec<Effect>),
    Text(String),
    Flag(bool),
}

type Outcome = Result<Answer, (Status, String)>;

fn bad(what: &str) -> (Status, String) {
    let mut m = String::from("consentry: bad request: ");
    m.push_str(what);
    (Status::BadRequest, m)
}

fn config_error(e: Error) -> (Status, String) {
    (Status::Error, e.message())
}

/// A number argument (a code or a handle).
fn code(v: Option<&Value>) -> Option<u32> {
    let n = v?.as_f64()?;
    (n >= 0.0 && n <= f64::from(u32::MAX) && crate::value::is_whole(n)).then_some(n as u32)
}

fn json(text: &str) -> Value {
    parse_json(text).unwrap_or(Value::Null)
}

/// Carry out `op` on the page's engine (`slot`) and render the reply.
pub(crate) fn dispatch(slot: &mut Slot, host: &dyn Host, parts: Parts, op: u32, a: &str, b: &str) -> String {
    let outcome = match Op::from_code(op) {
        None => Err(bad("unknown operation")),
        Some(op) if !parts.has(op.part()) => {
            let mut m = String::from("consentry: this build of the engine leaves out operation ");
            crate::value::push_int(i64::from(op.code()), &mut m);
            Err((Status::NotInBuild, m))
        }
        Some(op) => run(slot, host, op, a, b),
    };
    match outcome {
        Ok(Answer::Effects(fx)) => reply(Status::Ok, &effects::to_json(&fx)),
        Ok(Answer::Text(text)) => reply(Status::Ok, &text),
        Ok(Answer::Flag(on)) => reply(Status::Ok, if on { "1" } else { "" }),
        Err((status, message)) => reply(status, &message),
    }
}

/// Does `op` change the page (so it waits while the engine is configured but not started)?
fn waits(op: Op) -> bool {
    matches!(op, Op::Act | Op::Click | Op::Show | Op::AcceptCategory | Op::AcceptService | Op::MountPreferences)
}

fn run(slot: &mut Slot, host: &dyn Host, op: Op, a: &str, b: &str) -> Outcome {
    if op == Op::Configure {
        let value = parse_walked(a).unwrap_or(Value::Unsupported);
        let (engine, fx) = Engine::configure(&value, host).map_err(config_error)?;
        if let Some(old) = slot.engine.replace(engine) {
            old.reset(host, false);
        }
        slot.waiting.clear();
        return Ok(Answer::Effects(fx));
    }
    if op == Op::Reset {
        slot.waiting.clear();
        if let Some(engine) = slot.engine.take() {
            engine.reset(host, a == "1");
        }
        return Ok(Answer::Text(String::new()));
    }
    let Some(engine) = slot.engine.as_mut() else { return Ok(without_engine(host, op, a)) };
    if engine.phase() == Phase::Configured && waits(op) {
        // acceptService answers `false` at once when v3 would.
        if op == Op::AcceptService && engine.service_request(&json(a), &json(b)).is_none() {
            return Ok(Answer::Text(String::new()));
        }
        slot.waiting.push((op, a.to_owned(), b.to_owned()));
        return Ok(Answer::Effects(Vec::new()));
    }
    if op == Op::Start {
        let mut fx = engine.start(host);
        for (op, a, b) in core::mem::take(&mut slot.waiting) {
            if let Ok(Answer::Effects(more)) = run(slot, host, op, &a, &b) {
                fx.extend(more);
            }
        }
        return Ok(Answer::Effects(fx));
    }
    // `""`: the language shown (the one `run()` loads).
    let language = if a.is_empty() { engine.language().to_owned() } else { a.to_owned() };
    Ok(match op {
        Op::NextLoad => Answer::Text(match engine.next_load(&language) {
            Some((kind, what)) => Value::Arr(vec![Value::Num(f64::from(kind.code())), what, Value::Str(language)]).to_json(),
            None => String::new(),
        }),
        Op::Provide => {
            engine.provide(host, &language, b).map_err(config_error)?;
            Answer::Text(String::new())
        }
        Op::Act => {
            let action = code(Some(&json(a))).and_then(Action::from_code).ok_or_else(|| bad("unknown action"))?;
            Answer::Effects(engine.act(host, action))
        }
        Op::Click => {
            let args = json(a);
            let scope = code(args.at(0)).and_then(Scope::from_code).ok_or_else(|| bad("unknown scope"))?;
            let role = code(args.at(1)).and_then(Role::from_code).ok_or_else(|| bad("unknown role"))?;
            let text = |i: usize| args.at(i).and_then(Value::as_str).unwrap_or("");
            Answer::Effects(engine.click(host, scope, role, text(2), text(3)))
        }
        Op::Show => Answer::Effects(engine.show_consent(host, a == "1")),
        Op::AcceptCategory => {
            let request = match json(a) {
                Value::Null => None,
                Value::Str(s) if s == "all" => Some(Request::All),
                v => {
                    let list = v.string_list();
                    Some(if list.is_empty() { Request::Necessary } else { Request::Only(list) })
                }
            };
            Answer::Effects(engine.accept_category(host, request, &json(b).string_list()))
        }
        Op::AcceptService => match engine.accept_service(host, &json(a), &json(b)) {
            Some(fx) => Answer::Effects(fx),
            None => Answer::Text(String::new()),
        },
        Op::AcceptedCategory => Answer::Flag(engine.accepted_category(a)),
        Op::AcceptedService => Answer::Flag(engine.accepted_service(a, b)),
        Op::ValidConsent => Answer::Flag(engine.valid_consent()),
        Op::ValidCookie => Answer::Flag(valid_cookie(host, a)),
        Op::EraseCookies => {
            let at = json(b);
            let part = |i: usize| at.at(i).and_then(Value::as_str);
            engine.erase_cookies(host, &parse_walked(a).unwrap_or(Value::Null), part(0), part(1));
            Answer::Text(String::new())
        }
        Op::SetCookieData => Answer::Flag(engine.set_cookie_data(host, &parse_walked(a).unwrap_or(Value::Null))),
        Op::GetCookie if a.is_empty() => Answer::Text(engine.cookie().to_json()),
        Op::GetCookie => Answer::Text(engine.named_cookie(host, a).to_json()),
        Op::GetConfig => Answer::Text(engine.config_defaults(host).to_json()),
        Op::GetUserPreferences => Answer::Text(engine.user_preferences().to_json()),
        Op::Classify => Answer::Text(verdict(engine.classify(a))),
        Op::Sync => {
            let key = if a.is_empty() { Value::Null } else { json(a) };
            Answer::Effects(engine.sync(host, key.as_str()))
        }
        Op::Shown => Answer::Text(engine.shown()),
        Op::Language => Answer::Flag(engine.wants_language(a, b == "1")),
        Op::ApplyLanguage => match engine.apply_language(host, a) {
            Some(fx) => Answer::Effects(fx),
            None => Answer::Text(String::new()),
        },
        Op::MountPreferences => {
            engine.mount_center(host);
            Answer::Effects(Vec::new())
        }
        Op::History => Answer::Text(engine.history_json()),
        Op::Receipt => match engine.download_receipt(host) {
            Some(fx) => Answer::Effects(fx),
            None => Answer::Text(String::new()),
        },
        Op::Scan => Answer::Effects(engine.scan(host)),
        Op::Configure | Op::Reset | Op::Start => Answer::Text(String::new()), // handled above
    })
}

/// The answers before `run()` (and after `reset()`): nothing is accepted, nothing changes
/// (fail closed); auto-blocking holds what a service might claim. Queries answer `""`, as
/// on a page where the engine cannot run at all: the loader's one set of empty values
/// (`{}`, `[]`, nothing accepted) answers both.
fn without_engine(host: &dyn Host, op: Op, a: &str) -> Answer {
    match op {
        Op::Start | Op::Act | Op::Click | Op::Show | Op::AcceptCategory | Op::Sync | Op::MountPreferences | Op::Scan => Answer::Effects(Vec::new()),
        Op::ValidCookie => Answer::Flag(valid_cookie(host, a)),
        Op::GetCookie if !a.is_empty() => Answer::Text(read_named(host, a, true).to_json()),
        Op::Classify => Answer::Text(verdict(Verdict::Hold)),
        _ => Answer::Text(String::new()),
    }
}

fn verdict(v: Verdict) -> String {
    char::from(b'0' + v.code()).into()
}

/// `validCookie(name)`: the page has a cookie of that name with a value.
fn valid_cookie(host: &dyn Host, name: &str) -> bool {
    crate::storage::cookie::value(&host.cookies(), name).is_some_and(|v| !v.is_empty())
}

/// The wasm export (the loader's `call`).
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::*;
    use core::cell::RefCell;
    use wasm_bindgen::prelude::*;

    crate::mem::global! {
        static SLOT: RefCell<Slot> = RefCell::new(Slot { engine: None, waiting: Vec::new() });
    }

    /// The engine's single entry point; see the module docs and `protocol::Op`. A call made
    /// while the engine is busy (site code run by a host operation, e.g. a RegExp or
    /// `expiresAfterDays`, calling the API again) is answered as if there were no engine.
    #[wasm_bindgen]
    pub fn call(op: u32, a: &str, b: &str) -> String {
        let host = crate::host::js::JsHost;
        SLOT.with(|cell| match cell.try_borrow_mut() {
            Ok(mut slot) => dispatch(&mut slot, &host, Parts::THIS_BUILD, op, a, b),
            Err(_) => dispatch(&mut Slot::default(), &host, Parts::THIS_BUILD, op, a, b),
        })
    }
}

#[cfg(target_arch = "wasm32")]
pub use wasm::call;

#[cfg(test)]
mod tests;

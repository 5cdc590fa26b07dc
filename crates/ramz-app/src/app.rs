//! The app: state, the `update` loop, and what every screen shares (time,
//! locking, slow work, the code list cache).

use std::collections::VecDeque;
use std::mem;
use std::sync::Arc;

use crate::effect::Effect;
use crate::event::{Destination, Event};
use crate::port::{Port, VaultPlace};
use crate::screens::{self, Input, ScreenState};
use crate::settings::Settings;
use crate::text::{Catalog, Lang};
use crate::view::ViewModel;
use crate::work::{Job, Work};

/// How long a toast stays, in seconds.
pub const TOAST_SECONDS: u64 = 3;

/// Events kept while a quiet work (a camera frame's decode, the lock
/// screen's status check) holds the vault, replayed when it returns.
pub const DEFERRED_EVENTS: usize = 16;

/// The Ramz app: one per process. Build it with [`App::new`], send it
/// [`Event::Start`], then every event; perform the effects it returns and
/// draw [`App::view`] after each [`Effect::Render`].
pub struct App {
    pub(crate) place: VaultPlace,
    pub(crate) c: Catalog,
    pub(crate) settings: Settings,
    pub(crate) biometrics_available: bool,
    pub(crate) now: u64,
    pub(crate) last_activity: u64,
    pub(crate) port: Option<Box<Port>>,
    pub(crate) working: Option<Working>,
    next_work: u64,
    pub(crate) screen: ScreenState,
    pub(crate) toast: Option<(String, u64)>,
    pub(crate) list: screens::codes::ListCache,
    lock_after_work: bool,
    camera_on: bool,
    batch: Option<(u32, Vec<bool>)>,
    /// The person's events that came during a quiet work, in order.
    deferred: VecDeque<Event>,
    /// Biometric unlock was turned off because the platform's key was
    /// invalidated (a new fingerprint or face): say so and offer to turn
    /// it on again once unlocked.
    pub(crate) biometrics_invalidated: bool,
}

/// Slow work in progress.
pub(crate) struct Working {
    pub(crate) id: u64,
    /// Catalog id of the progress text; `None` for a quiet work the
    /// screen keeps running without a progress overlay (a camera frame's
    /// decode, a status check).
    pub(crate) busy: Option<&'static str>,
}

/// Effects collected during one `update`.
#[derive(Default)]
pub(crate) struct Fx(pub(crate) Vec<Effect>);

impl Fx {
    pub(crate) fn push(&mut self, e: Effect) {
        self.0.push(e);
    }
}

impl App {
    /// An app over the vault at `place`. Nothing happens until
    /// [`Event::Start`].
    pub fn new(place: VaultPlace) -> Self {
        Self {
            place,
            c: Catalog::new(Lang::default()),
            settings: Settings::new(Lang::default()),
            biometrics_available: false,
            now: 0,
            last_activity: 0,
            port: None,
            working: None,
            next_work: 1,
            screen: ScreenState::Starting,
            toast: None,
            list: screens::codes::ListCache::default(),
            lock_after_work: false,
            camera_on: false,
            batch: None,
            deferred: VecDeque::new(),
            biometrics_invalidated: false,
        }
    }

    /// Handles one event; returns what the shell must do, in order.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let mut fx = Fx::default();
        self.handle(event, &mut fx);
        fx.push(Effect::Render);
        fx.0
    }

    fn handle(&mut self, event: Event, fx: &mut Fx) {
        if self.working.as_ref().is_some_and(|w| w.busy.is_none()) && deferrable(&event) {
            // A quiet work holds the vault for a moment: what the person
            // did meanwhile happens when it returns, not never.
            if self.deferred.len() == DEFERRED_EVENTS {
                self.deferred.pop_front();
            }
            self.deferred.push_back(event);
            return;
        }
        let fx = &mut *fx;
        match event {
            Event::Start {
                unix,
                device_language,
                settings,
                biometrics_available,
            } => {
                self.now = unix;
                self.last_activity = unix;
                self.biometrics_available = biometrics_available;
                let fresh = settings.is_none();
                self.settings =
                    settings.unwrap_or_else(|| Settings::new(Lang::from_device(&device_language)));
                // Stored preferences are not protected: an idle delay that
                // is not one of the choices (0, or "never") is not taken.
                if !crate::settings::AUTO_LOCK_CHOICES.contains(&self.settings.auto_lock_seconds) {
                    self.settings.auto_lock_seconds =
                        Settings::new(self.settings.lang).auto_lock_seconds;
                }
                if fresh {
                    fx.push(Effect::StoreSettings(self.settings.clone()));
                }
                self.c = Catalog::new(self.settings.lang);
                self.screen = ScreenState::Starting;
                self.spawn(Job::Open { unix }, false, "busy-opening", fx);
            }
            Event::Tick { unix } => self.tick(unix, fx),
            Event::Background { unix } => {
                self.now = unix;
                self.lock_now(fx);
            }
            Event::Foreground { unix } => {
                self.now = unix;
                self.last_activity = unix;
            }
            Event::WorkDone(work) => self.work_done(work, fx),
            Event::Navigate(dest) if self.is_open() && self.working.is_none() => {
                self.last_activity = self.now;
                self.navigate(dest, fx);
            }
            other => {
                self.last_activity = self.now;
                self.dispatch(Input::Ev(other), fx);
            }
        }
    }

    /// The view model of the current state.
    pub fn view(&self) -> ViewModel {
        let (title, screen) = screens::view(self);
        ViewModel {
            lang: self.c.lang(),
            rtl: self.c.lang().rtl(),
            title,
            screen,
            back: screens::back_action(self),
            busy: self
                .working
                .as_ref()
                .and_then(|w| w.busy)
                .map(|id| self.c.t(id)),
            toast: self
                .toast
                .as_ref()
                .filter(|(_, until)| self.now < *until)
                .map(|(t, _)| t.clone()),
        }
    }

    /// The settings as they are now (what the last
    /// [`Effect::StoreSettings`] carried).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// No slow work shows progress: controls are live. A quiet work (a
    /// frame's decode, a status check) leaves them so, as what the person
    /// does meanwhile is replayed when it returns.
    pub(crate) fn idle(&self) -> bool {
        self.working.as_ref().is_none_or(|w| w.busy.is_none())
    }

    /// True while the vault is unlocked and here (not lent to a work).
    pub(crate) fn is_open(&self) -> bool {
        self.port.as_ref().is_some_and(|p| p.is_unlocked())
    }

    /// Starts slow work; `with_vault` lends it the vault. One work at a
    /// time: returns false (and does nothing) while another runs.
    pub(crate) fn spawn(
        &mut self,
        job: Job,
        with_vault: bool,
        busy: &'static str,
        fx: &mut Fx,
    ) -> bool {
        self.start_work(job, with_vault, Some(busy), fx)
    }

    /// [`App::spawn`] without the progress overlay: the screen goes on
    /// (the viewfinder, the lock screen); events that come meanwhile are
    /// replayed when it returns.
    pub(crate) fn spawn_quiet(&mut self, job: Job, with_vault: bool, fx: &mut Fx) -> bool {
        self.start_work(job, with_vault, None, fx)
    }

    fn start_work(
        &mut self,
        job: Job,
        with_vault: bool,
        busy: Option<&'static str>,
        fx: &mut Fx,
    ) -> bool {
        if self.working.is_some() {
            return false;
        }
        let id = self.next_work;
        self.next_work += 1;
        let port = if with_vault { self.port.take() } else { None };
        self.working = Some(Working { id, busy });
        fx.push(Effect::Work(Work::new(id, self.place.clone(), port, job)));
        true
    }

    pub(crate) fn toast(&mut self, text: String) {
        self.toast = Some((text, self.now + TOAST_SECONDS));
    }

    pub(crate) fn store_settings(&mut self, fx: &mut Fx) {
        fx.push(Effect::StoreSettings(self.settings.clone()));
    }

    /// Switches the language of every text.
    pub(crate) fn set_language(&mut self, lang: Lang, fx: &mut Fx) {
        if self.settings.lang != lang {
            self.settings.lang = lang;
            self.c = Catalog::new(lang);
            self.store_settings(fx);
        }
    }

    /// Locks now (background, idle): secrets and pending scans are wiped.
    pub(crate) fn lock_now(&mut self, fx: &mut Fx) {
        if self.working.is_some() && self.port.is_none() {
            // The vault is lent to a work: lock it when it comes back.
            self.lock_after_work = true;
            return;
        }
        if let Some(p) = self.port.as_mut() {
            if p.is_unlocked() {
                p.lock();
                self.list.clear();
                self.set_screen(ScreenState::Lock(screens::lock::State::default()), fx);
                // A wait or a low attempt count from before shows at once,
                // not only after the next PIN.
                let unix = self.now;
                self.spawn_quiet(Job::LockStatus { unix }, true, fx);
            }
        }
    }

    fn tick(&mut self, unix: u64, fx: &mut Fx) {
        self.now = unix;
        if self.is_open() && self.screen.is_unlocked_screen() {
            let idle = unix.saturating_sub(self.last_activity);
            if idle >= u64::from(self.settings.auto_lock_seconds) {
                self.lock_now(fx);
                return;
            }
        }
        if let Some(p) = self.port.as_deref() {
            self.list.refresh(p, unix);
        }
        self.dispatch(Input::Tick, fx);
    }

    fn work_done(&mut self, work: Arc<Work>, fx: &mut Fx) {
        if self.working.as_ref().map(|w| w.id) != Some(work.id()) {
            return; // not ours (a stale work after a restart): drop it.
        }
        self.working = None;
        if let Some(p) = work.take_port() {
            self.port = Some(p);
        }
        self.list.invalidate();
        // A work never run: nothing happened.
        if let Some(done) = work.take_done() {
            self.dispatch(Input::Done(done), fx);
            if mem::take(&mut self.lock_after_work) {
                self.lock_now(fx);
            }
            if let Some(p) = self.port.as_deref() {
                self.list.refresh(p, self.now);
            }
        }
        // What the person did during a quiet work, in order, as if it came
        // now (deferred again if it starts another quiet work).
        for event in mem::take(&mut self.deferred) {
            self.handle(event, fx);
        }
    }

    fn navigate(&mut self, dest: Destination, fx: &mut Fx) {
        let next = match dest {
            Destination::Codes => ScreenState::Codes(Default::default()),
            Destination::Scan => ScreenState::Scan(Default::default()),
            Destination::ManualEntry => ScreenState::Manual(Default::default()),
            Destination::Backup => ScreenState::Backup(Default::default()),
            Destination::Settings => ScreenState::Settings(Default::default()),
            Destination::Transfer => ScreenState::Transfer(Default::default()),
            Destination::Import => screens::add::start_import(fx),
        };
        self.set_screen(next, fx);
    }

    fn dispatch(&mut self, input: Input, fx: &mut Fx) {
        let state = mem::replace(&mut self.screen, ScreenState::Starting);
        let next = screens::update(self, state, input, fx);
        self.set_screen(next, fx);
    }

    /// Enters `next`, with the effects of leaving one screen for another
    /// (the camera runs only on the scan screen).
    pub(crate) fn set_screen(&mut self, next: ScreenState, fx: &mut Fx) {
        let scan = matches!(next, ScreenState::Scan(_));
        self.screen = next;
        if scan != self.camera_on {
            self.camera_on = scan;
            fx.push(Effect::Camera { on: scan });
        }
    }
}

/// Events the person causes (not time, not a result of an effect, not a
/// camera frame: a frame that comes during a decode is dropped).
fn deferrable(event: &Event) -> bool {
    !matches!(
        event,
        Event::Start { .. }
            | Event::Tick { .. }
            | Event::Background { .. }
            | Event::Foreground { .. }
            | Event::WorkDone(_)
            | Event::CameraFrame { .. }
    )
}

/// Which parts of a migration export were added (the export's size and
/// the parts seen), so the scanner can say "2 of 3" and ask for the rest.
impl App {
    pub(crate) fn batch_progress(&self) -> Option<(u32, u32)> {
        self.batch.as_ref().map(|(count, seen)| {
            (
                u32::try_from(seen.iter().filter(|s| **s).count()).unwrap_or(0),
                *count,
            )
        })
    }

    pub(crate) fn mark_batch_part(&mut self, index: u32, count: u32) {
        if count <= 1 {
            return;
        }
        let fresh = self.batch.as_ref().is_none_or(|(c, _)| *c != count);
        if fresh {
            self.batch = Some((count, vec![false; count as usize]));
        }
        if let Some((_, seen)) = self.batch.as_mut() {
            if let Some(s) = seen.get_mut(index.saturating_sub(1) as usize) {
                *s = true;
            }
        }
    }

    pub(crate) fn clear_batch(&mut self) {
        self.batch = None;
    }
}

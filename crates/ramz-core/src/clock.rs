//! The time the codes are computed at: the device clock the caller passes,
//! corrected by a manual offset or by an offset learned from a server.
//! Both offsets are saved in the vault, so every shell (the app, `ramz
//! codes`) computes codes in the bank's time after an activation.

/// Beyond this difference from a trusted time the device clock is reported
/// as wrong: codes of 30-second services stop working around here.
pub const CLOCK_WARNING_SECONDS: i64 = 30;

/// 2025-01-01T00:00:00Z. A device clock before this is certainly wrong
/// (reset to the epoch or to a factory date).
pub const EARLIEST_PLAUSIBLE_UNIX: u64 = 1_735_689_600;

/// Correction applied to the device clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    manual_offset: Option<i64>,
    server_offset: Option<i64>,
}

/// Why the device clock looks wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ClockWarning {
    /// A server's time differs from the device's by more than
    /// [`CLOCK_WARNING_SECONDS`].
    DriftFromServer {
        /// Server minus device, in seconds.
        offset: i64,
    },
    /// The device clock is before [`EARLIEST_PLAUSIBLE_UNIX`].
    Implausible,
}

/// What the settings screen shows about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClockStatus {
    /// Seconds added to the device clock for codes.
    pub offset: i64,
    /// The manual offset, when one is set (it wins over the server's).
    pub manual_offset: Option<i64>,
    /// The offset learned from a server, when there is one.
    pub server_offset: Option<i64>,
    /// Set when the device clock looks wrong.
    pub warning: Option<ClockWarning>,
}

impl Clock {
    /// The clock as saved in the vault.
    pub(crate) fn from_saved(saved: ramz_vault::ClockOffsets) -> Self {
        Self {
            manual_offset: saved.manual_offset,
            server_offset: saved.server_offset,
        }
    }

    /// What the vault saves.
    pub(crate) fn saved(&self) -> ramz_vault::ClockOffsets {
        ramz_vault::ClockOffsets {
            manual_offset: self.manual_offset,
            server_offset: self.server_offset,
        }
    }

    /// Sets (or clears, with `None`) a manual offset in seconds.
    pub fn set_manual_offset(&mut self, offset: Option<i64>) {
        self.manual_offset = offset;
    }

    /// Learns the offset from a server's time (e.g. an HTTP `Date` header
    /// or the activation server) read at device time `device_unix`.
    pub fn learn_server_time(&mut self, server_unix: u64, device_unix: u64) -> i64 {
        let offset = signed_diff(server_unix, device_unix);
        self.server_offset = Some(offset);
        offset
    }

    /// The offset in force: the manual one if set, else the server's, else 0.
    pub fn offset(&self) -> i64 {
        self.manual_offset.or(self.server_offset).unwrap_or(0)
    }

    /// The corrected time for a device time.
    pub fn now(&self, device_unix: u64) -> u64 {
        device_unix.saturating_add_signed(self.offset())
    }

    /// The status at device time `device_unix`.
    pub fn status(&self, device_unix: u64) -> ClockStatus {
        let warning = match self.server_offset {
            Some(o) if o.unsigned_abs() > CLOCK_WARNING_SECONDS.unsigned_abs() => {
                Some(ClockWarning::DriftFromServer { offset: o })
            }
            _ if device_unix < EARLIEST_PLAUSIBLE_UNIX => Some(ClockWarning::Implausible),
            _ => None,
        };
        ClockStatus {
            offset: self.offset(),
            manual_offset: self.manual_offset,
            server_offset: self.server_offset,
            warning,
        }
    }
}

fn signed_diff(a: u64, b: u64) -> i64 {
    if a >= b {
        i64::try_from(a - b).unwrap_or(i64::MAX)
    } else {
        i64::try_from(b - a).map_or(i64::MIN, |d| -d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    #[test]
    fn manual_wins_over_server_and_warnings() {
        let mut c = Clock::default();
        assert_eq!(c.status(NOW).warning, None);
        assert_eq!(c.status(1000).warning, Some(ClockWarning::Implausible));
        assert_eq!(c.learn_server_time(NOW + 45, NOW), 45);
        assert_eq!(c.now(NOW), NOW + 45);
        assert_eq!(
            c.status(NOW).warning,
            Some(ClockWarning::DriftFromServer { offset: 45 })
        );
        c.set_manual_offset(Some(-5));
        assert_eq!(c.now(NOW), NOW - 5);
        c.learn_server_time(NOW - 10, NOW);
        assert_eq!(c.status(NOW).warning, None);
        assert_eq!(c.status(NOW).server_offset, Some(-10));
        assert_eq!(c.now(0), 0, "saturates instead of wrapping");
    }
}

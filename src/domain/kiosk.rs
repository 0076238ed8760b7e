//! Kiosk timing: after a time without touch a countdown warns, and at zero everything resets.

/// The idle rule: reset after `timeout_s` seconds without input, warning for the last `warn_s`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdleRule {
    pub timeout_s: u32,
    pub warn_s: u32,
}

impl Default for IdleRule {
    fn default() -> Self {
        IdleRule { timeout_s: 90, warn_s: WARN_S }
    }
}

/// Where the kiosk stands after some idle time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdlePhase {
    Active,
    /// The countdown shows; whole seconds left before the reset (at least 1).
    Warning { seconds_left: u32 },
    Reset,
}

/// The countdown's length: WCAG 2.2.1 asks for at least 20 s to answer a time limit's warning.
const WARN_S: u32 = 20;

impl IdleRule {
    /// A rule from `?idle=SECONDS` (10 to 3600). The warning is 20 s; an idle time under 30 s
    /// (for a quick test of the reset, not for visitors) warns for a third of it.
    pub fn from_seconds(timeout_s: u32) -> Option<IdleRule> {
        let warn_s = if timeout_s >= 30 { WARN_S } else { timeout_s / 3 };
        (10..=3600).contains(&timeout_s).then_some(IdleRule { timeout_s, warn_s })
    }

    pub fn phase(&self, idle_ms: u64) -> IdlePhase {
        let timeout_ms = u64::from(self.timeout_s) * 1000;
        let warn_from_ms = u64::from(self.timeout_s - self.warn_s) * 1000;
        if idle_ms >= timeout_ms {
            IdlePhase::Reset
        } else if idle_ms >= warn_from_ms {
            let left_ms = timeout_ms - idle_ms;
            IdlePhase::Warning { seconds_left: left_ms.div_ceil(1000) as u32 }
        } else {
            IdlePhase::Active
        }
    }
}

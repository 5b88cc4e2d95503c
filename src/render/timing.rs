//! Where a build's time goes: the time spent in each activity, summed over the threads
//! that did it, for the build's report and for profiling at scale.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What rendering spends its time on; in the order of `ALL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    /// Building the views of a page (Markdown included).
    Views,
    /// The templates: the context and tera's rendering of the page around its slots.
    Templates,
    /// Charts, with their data tables.
    Charts,
    /// The indicator, verification, budget and KPI tables.
    Tables,
    /// Menus, year switches, breadcrumbs and pagers.
    Navigation,
    /// The CSV and JSON files.
    OpenData,
}

const ALL: [(Activity, &str); 6] = [
    (Activity::Views, "views"),
    (Activity::Templates, "templates"),
    (Activity::Charts, "charts"),
    (Activity::Tables, "tables"),
    (Activity::Navigation, "navigation"),
    (Activity::OpenData, "open data"),
];

/// Time and count per activity, added to from any thread.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; ALL.len()],
    counts: [AtomicU64; ALL.len()],
}

impl Timings {
    /// Runs `f`, counting its time towards `activity`.
    pub fn time<T>(&self, activity: Activity, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        let i = activity as usize;
        self.nanos[i].fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.counts[i].fetch_add(1, Ordering::Relaxed);
        out
    }

    /// (activity, time, times done), in a fixed order.
    pub fn report(&self) -> Vec<(&'static str, Duration, u64)> {
        ALL.iter()
            .enumerate()
            .map(|(i, (_, name))| {
                (
                    *name,
                    Duration::from_nanos(self.nanos[i].load(Ordering::Relaxed)),
                    self.counts[i].load(Ordering::Relaxed),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_is_added_to_its_activity() {
        let t = Timings::default();
        let x = t.time(Activity::Charts, || {
            std::thread::sleep(Duration::from_millis(2));
            7
        });
        assert_eq!(x, 7);
        let report = t.report();
        let charts = report.iter().find(|(n, _, _)| *n == "charts").unwrap();
        assert!(charts.1 >= Duration::from_millis(2));
        assert_eq!(charts.2, 1);
        assert!(report
            .iter()
            .filter(|(n, _, _)| *n != "charts")
            .all(|(_, d, c)| d.is_zero() && *c == 0));
    }
}

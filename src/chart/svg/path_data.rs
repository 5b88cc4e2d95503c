//! Path data: straight lines in the fewest characters, each command absolute or relative
//! to the pen, whichever is shorter, and `H`/`V` for level and plumb lines.

use super::markup::int;
use plotters_backend::BackendCoord;

/// How many characters `n` takes.
fn digits(n: i64) -> usize {
    let mut rest = n.unsigned_abs();
    let mut len = usize::from(n < 0) + 1;
    while rest >= 10_000 {
        rest /= 10_000;
        len += 4;
    }
    len + usize::from(rest >= 10) + usize::from(rest >= 100) + usize::from(rest >= 1000)
}

/// Two numbers of a command: a space between them unless the second has its sign.
fn pair(out: &mut String, a: i64, b: i64) {
    int(out, a);
    if b >= 0 {
        out.push(' ');
    }
    int(out, b);
}

/// Starts the path data at `to`.
pub(super) fn start(out: &mut String, to: BackendCoord) {
    out.push('M');
    pair(out, i64::from(to.0), i64::from(to.1));
}

/// Starts a subpath at `to`, absolute or relative to `at`, whichever is shorter.
pub(super) fn move_to(out: &mut String, at: BackendCoord, to: BackendCoord) {
    command(out, at, to, ('M', 'm'));
}

/// Lines from `at` through each of `points` in turn; returns the last point.
pub(super) fn lines_through(
    out: &mut String,
    mut at: BackendCoord,
    points: impl Iterator<Item = BackendCoord>,
) -> BackendCoord {
    for point in points {
        line_to(out, at, point);
        at = point;
    }
    at
}

/// A line from `at` to `to`: `H`/`V` when level or plumb, absolute or relative,
/// whichever is shorter.
pub(super) fn line_to(out: &mut String, at: BackendCoord, to: BackendCoord) {
    let (dx, dy) = delta(at, to);
    if dy == 0 {
        one(out, i64::from(to.0), dx, ('H', 'h'));
    } else if dx == 0 {
        one(out, i64::from(to.1), dy, ('V', 'v'));
    } else {
        command(out, at, to, ('L', 'l'));
    }
}

fn delta(at: BackendCoord, to: BackendCoord) -> (i64, i64) {
    (
        i64::from(to.0) - i64::from(at.0),
        i64::from(to.1) - i64::from(at.1),
    )
}

fn one(out: &mut String, absolute: i64, relative: i64, (abs, rel): (char, char)) {
    if digits(relative) < digits(absolute) {
        out.push(rel);
        int(out, relative);
    } else {
        out.push(abs);
        int(out, absolute);
    }
}

fn command(out: &mut String, at: BackendCoord, to: BackendCoord, (abs, rel): (char, char)) {
    let (dx, dy) = delta(at, to);
    let (x, y) = (i64::from(to.0), i64::from(to.1));
    let len = |a: i64, b: i64| digits(a) + digits(b) + usize::from(b >= 0);
    if len(dx, dy) < len(x, y) {
        out.push(rel);
        pair(out, dx, dy);
    } else {
        out.push(abs);
        pair(out, x, y);
    }
}

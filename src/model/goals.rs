//! The tree of goals: up to three levels under the plan (基本目標 → 具体的施策 → 事業, or
//! Nagaoka's single level 戦略), each goal with its code, name and aim.

use crate::source::GoalCode;
use std::path::PathBuf;

/// One level of the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    /// 基本目標, 具体的施策, 戦略.
    pub name: String,
    /// The kind of the indicators hung on this level's goals: 数値目標, KPI.
    pub indicator_kind: String,
}

/// A goal at any level.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// The numbers on the way down from the top: `2-1`.
    pub code: GoalCode,
    /// 0 for the top level.
    pub depth: usize,
    /// Its parent's place in `Goals::list`.
    pub parent: Option<usize>,
    pub name: String,
    pub aim: String,
    /// The file it is written in, relative to the content folder.
    pub source: PathBuf,
}

/// Every goal, in reading order: each goal is followed by the goals under it, so that
/// the goals under a goal are the ones after it, up to the next goal at its depth or above.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Goals {
    pub levels: Vec<Level>,
    pub list: Vec<Goal>,
    /// Where the goals are written, and their pages' folder: `strategies` or `goals`.
    pub folder: &'static str,
}

impl Goals {
    /// The goal with `code`.
    pub fn find(&self, code: &GoalCode) -> Option<usize> {
        self.list.iter().position(|g| g.code == *code)
    }

    /// The top-level goals, with their places.
    pub fn top(&self) -> impl Iterator<Item = (usize, &Goal)> {
        self.list.iter().enumerate().filter(|(_, g)| g.depth == 0)
    }

    /// The goals directly under `goal`.
    pub fn children(&self, goal: usize) -> impl Iterator<Item = (usize, &Goal)> {
        self.list
            .iter()
            .enumerate()
            .skip(goal + 1)
            .take_while(move |(_, g)| g.depth > self.list[goal].depth)
            .filter(move |(_, g)| g.parent == Some(goal))
    }

    /// `goal` and every goal under it: a range of places in `list`.
    pub fn subtree(&self, goal: usize) -> std::ops::Range<usize> {
        let depth = self.list[goal].depth;
        let end = self.list[goal + 1..]
            .iter()
            .position(|g| g.depth <= depth)
            .map_or(self.list.len(), |i| goal + 1 + i);
        goal..end
    }

    /// The top-level goal `goal` is under (or is).
    pub fn root_of(&self, mut goal: usize) -> usize {
        while let Some(p) = self.list[goal].parent {
            goal = p;
        }
        goal
    }

    /// The goals from the top down to `goal`.
    #[cfg(test)]
    pub fn path(&self, goal: usize) -> Vec<usize> {
        let mut path = vec![goal];
        while let Some(p) = self.list[*path.last().unwrap_or(&goal)].parent {
            path.push(p);
        }
        path.reverse();
        path
    }

    /// The level of `goal`.
    pub fn level(&self, goal: usize) -> &Level {
        let depth = self.list[goal].depth;
        &self.levels[depth.min(self.levels.len().saturating_sub(1))]
    }

    /// `基本目標2-1`: the level's name and the code.
    pub fn label(&self, goal: usize) -> String {
        format!("{}{}", self.level(goal).name, self.list[goal].code)
    }

    /// `基本目標2-1 移住・定住の促進`.
    pub fn heading(&self, goal: usize) -> String {
        format!("{} {}", self.label(goal), self.list[goal].name)
    }

    /// A slug for the goal's page and anchors: `2-1`.
    pub fn slug(&self, goal: usize) -> String {
        self.list[goal].code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(code: &[u32], parent: Option<usize>) -> Goal {
        Goal {
            code: GoalCode(code.to_vec()),
            depth: code.len() - 1,
            parent,
            name: format!("g{code:?}"),
            aim: String::new(),
            source: PathBuf::new(),
        }
    }

    #[test]
    fn a_tree_in_reading_order() {
        let goals = Goals {
            levels: vec![
                Level {
                    name: "基本目標".into(),
                    indicator_kind: "数値目標".into(),
                },
                Level {
                    name: "施策".into(),
                    indicator_kind: "KPI".into(),
                },
            ],
            folder: "goals",
            list: vec![
                goal(&[1], None),
                goal(&[1, 1], Some(0)),
                goal(&[1, 2], Some(0)),
                goal(&[2], None),
                goal(&[2, 1], Some(3)),
            ],
        };
        assert_eq!(goals.top().map(|(i, _)| i).collect::<Vec<_>>(), [0, 3]);
        assert_eq!(
            goals.children(0).map(|(i, _)| i).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(goals.subtree(0), 0..3);
        assert_eq!(goals.subtree(3), 3..5);
        assert_eq!(goals.subtree(2), 2..3);
        assert_eq!(goals.root_of(4), 3);
        assert_eq!(goals.path(4), [3, 4]);
        assert_eq!(goals.heading(4), "施策2-1 g[2, 1]");
        assert_eq!(goals.find(&GoalCode(vec![1, 2])), Some(2));
    }
}

//! Edits taken into the report without validating everything again: edited indicator
//! files, project files, and the files of one fiscal-year result folder. Each way is
//! taken only when validation says it gives what a full validation would
//! (`validate::edited_indicator`, `edited_project`, `edited_year`); otherwise nothing is
//! changed and the caller validates.

use super::Manuscript;
use crate::load::{FileLoad, ResultFolder, SourceFile};
use crate::model::{Grant, Report};
use crate::validate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file read again: its path, what it gave before and what it gives now.
pub(super) type Reread<'a> = (&'a Path, &'a FileLoad, &'a FileLoad);

/// Pairs the files an update read again, if they are the same files as before and none
/// has a problem of its own, before or after.
pub(super) fn same_clean_files<'a>(
    before: &'a [(PathBuf, FileLoad)],
    after: &'a [(PathBuf, FileLoad)],
) -> Option<Vec<Reread<'a>>> {
    let clean = |f: &FileLoad| f.diagnostics.is_empty() && !f.broken;
    if before.len() != after.len() {
        return None;
    }
    before
        .iter()
        .zip(after)
        .map(|((path, old), (new_path, new))| {
            (path == new_path && clean(old) && clean(new)).then_some((path.as_path(), old, new))
        })
        .collect()
}

/// Takes edited indicator files into the report. False, with nothing changed, unless
/// every file read again is an indicator whose edit `validate::edited_indicator` accepts.
pub(super) fn indicators(m: &mut Manuscript, files: &[Reread]) -> bool {
    let Some(report) = &m.validated else {
        return false;
    };
    let mut next = Report::clone(report);
    let mut sources = Vec::new();
    for (path, old, new) in files {
        let (Some(SourceFile::Indicator(Some(_))), Some(SourceFile::Indicator(Some(file)))) =
            (&old.source, &new.source)
        else {
            return false;
        };
        let Some(i) = next.indicators.iter().position(|x| x.source == *path) else {
            return false;
        };
        let Some(edited) =
            validate::edited_indicator(&next.indicators[i], file, &next.goals, next.plan.period)
        else {
            return false;
        };
        let Ok(at) = (m.sources.indicators).binary_search_by(|f| f.source.path.as_path().cmp(path))
        else {
            return false;
        };
        next.indicators[i] = Arc::new(edited);
        sources.push((at, file.clone()));
    }
    for (at, file) in sources {
        m.sources.indicators[at] = file;
    }
    m.validated = Some(Arc::new(next));
    true
}

/// Takes edited project files into the report. False, with nothing changed, unless every
/// file read again is a project whose edit `validate::edited_project` accepts.
pub(super) fn projects(m: &mut Manuscript, files: &[Reread]) -> bool {
    let Some(report) = &m.validated else {
        return false;
    };
    let mut next = Report::clone(report);
    let mut sources = Vec::new();
    for (path, old, new) in files {
        let (
            Some(SourceFile::Project { file: Some(_), .. }),
            Some(SourceFile::Project {
                folder,
                file: Some(file),
            }),
        ) = (&old.source, &new.source)
        else {
            return false;
        };
        let found = next.grants.iter().enumerate().find_map(|(g, grant)| {
            let p = grant.projects.iter().position(|p| p.source == *path)?;
            Some((g, p))
        });
        let Some((g, p)) = found else {
            return false;
        };
        let grant = &next.grants[g];
        let Some(edited) = validate::edited_project(grant, &grant.projects[p], file) else {
            return false;
        };
        let at = m.sources.grants.iter().position(|f| f.folder == *folder);
        let Some((at, i)) = at.and_then(|at| {
            let projects = &m.sources.grants[at].projects;
            Some((
                at,
                projects.iter().position(|x| x.meta.source.path == *path)?,
            ))
        }) else {
            return false;
        };
        let mut grant = Grant::clone(grant);
        grant.projects[p] = edited;
        next.grants[g] = Arc::new(grant);
        sources.push((at, i, file.clone()));
    }
    for (at, i, file) in sources {
        m.sources.grants[at].projects[i] = file;
    }
    m.validated = Some(Arc::new(next));
    true
}

/// Takes the edited files of one result folder (`result.yaml`, `verification*.yaml`)
/// into the report. False, with nothing changed, unless `validate::edited_year` accepts
/// the folder as it is now.
pub(super) fn year(m: &mut Manuscript, files: &[Reread]) -> bool {
    let Some(report) = &m.validated else {
        return false;
    };
    let mut folder_name = None;
    for (_, old, new) in files {
        let name = match (&old.source, &new.source) {
            (
                Some(SourceFile::Result {
                    folder,
                    file: Some(_),
                }),
                Some(SourceFile::Result { file: Some(_), .. }),
            )
            | (
                Some(SourceFile::Verification {
                    folder,
                    file: Some(_),
                }),
                Some(SourceFile::Verification { file: Some(_), .. }),
            ) => folder,
            _ => return false,
        };
        if folder_name.is_some_and(|f| f != name) {
            return false;
        }
        folder_name = Some(name);
    }
    let Some(at) =
        folder_name.and_then(|name| m.sources.results.iter().position(|r| r.folder == *name))
    else {
        return false;
    };
    let before = &m.sources.results[at];
    let Some(year) = before.result.as_ref().map(|f| f.value.year) else {
        return false;
    };
    let Some(y) = report.years.iter().position(|r| r.year == year) else {
        return false;
    };
    let Some(folder) = replaced(before, files) else {
        return false;
    };
    let Some(edited) = validate::edited_year(
        &m.sources,
        &report.indicators,
        &report.goals,
        before,
        &folder,
        &report.years[y],
    ) else {
        return false;
    };
    let mut next = Report::clone(report);
    next.years[y] = Arc::new(edited);
    m.sources.results[at] = folder;
    m.validated = Some(Arc::new(next));
    true
}

/// The result folder with the files read again in place of the ones before.
fn replaced(before: &ResultFolder, files: &[Reread]) -> Option<ResultFolder> {
    let mut folder = before.clone();
    for (path, _, new) in files {
        match &new.source {
            Some(SourceFile::Result { file: Some(f), .. }) => {
                if folder.result.as_ref().map(|r| r.source.path.as_path()) != Some(*path) {
                    return None;
                }
                folder.result = Some(f.clone());
            }
            Some(SourceFile::Verification { file: Some(f), .. }) => {
                let at = folder
                    .verification
                    .iter()
                    .position(|v| v.source.path == *path)?;
                folder.verification[at] = f.clone();
            }
            Some(SourceFile::External { file: Some(f), .. }) => {
                if folder.external.as_ref().map(|e| e.source.path.as_path()) != Some(*path) {
                    return None;
                }
                folder.external = Some(f.clone());
            }
            _ => return None,
        }
    }
    Some(folder)
}

//! Read, starred and position marks for the reader, and its session, kept in the state file
//! when there is one ([`StateStore`]) and in memory otherwise (tests, or a state folder that
//! cannot be written). The session is the one of the roots the reader was opened on.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::article::Article;
use crate::state::{ArticleState, Session, StateError, StateStore, StateWarning};

/// The reader's marks.
pub struct Marks {
    store: Option<StateStore>,
    /// The roots the reader was opened on: the session saved and brought back is theirs.
    roots: Vec<PathBuf>,
    memory: HashMap<String, ArticleState>,
    session: Option<Session>,
}

impl Marks {
    /// Marks that live only as long as the process.
    pub fn in_memory() -> Marks {
        Marks {
            store: None,
            roots: Vec::new(),
            memory: HashMap::new(),
            session: None,
        }
    }

    /// Marks kept in `store`, with the session of the reader's `roots`.
    pub fn with_store(store: StateStore, roots: Vec<PathBuf>) -> Marks {
        Marks {
            store: Some(store),
            roots,
            ..Marks::in_memory()
        }
    }

    /// The marks of an article.
    pub fn get(&self, a: &Article) -> ArticleState {
        match &self.store {
            Some(s) => s.article(&a.root, &a.id),
            None => self.memory.get(&a.id).copied().unwrap_or_default(),
        }
    }

    /// Whether each of `articles` is marked read (as [`Marks::get`] says, for a whole list).
    pub fn reads(&self, articles: &[std::sync::Arc<Article>]) -> Vec<bool> {
        match &self.store {
            Some(s) => s.reads(articles.iter().map(|a| (a.root.as_path(), a.id.as_str()))),
            None => articles.iter().map(|a| self.get(a).read).collect(),
        }
    }

    fn update(&mut self, a: &Article, change: impl Fn(&mut ArticleState)) -> bool {
        let mut next = self.get(a);
        change(&mut next);
        if next == self.get(a) {
            return false;
        }
        match &mut self.store {
            Some(s) => {
                s.set_read(&a.root, &a.id, next.read);
                s.set_starred(&a.root, &a.id, next.starred);
                s.set_position(&a.root, &a.id, next.position);
            }
            None => {
                self.memory.insert(a.id.clone(), next);
            }
        }
        true
    }

    /// Mark an article read or unread; true when that changed something.
    pub fn set_read(&mut self, a: &Article, read: bool) -> bool {
        self.update(a, |s| s.read = read)
    }

    /// Star or unstar an article; true when that changed something.
    pub fn set_starred(&mut self, a: &Article, starred: bool) -> bool {
        self.update(a, |s| s.starred = starred)
    }

    /// Remember where an article was scrolled to.
    pub fn set_position(&mut self, a: &Article, position: usize) -> bool {
        self.update(a, |s| s.position = position)
    }

    /// The session saved last time on these roots.
    pub fn session(&self) -> Option<Session> {
        match &self.store {
            Some(s) => s.session(&self.roots).cloned(),
            None => self.session.clone(),
        }
    }

    /// Remember the session of these roots.
    pub fn set_session(&mut self, session: Session) {
        match &mut self.store {
            Some(s) => {
                s.set_session(&self.roots, session);
            }
            None => self.session = Some(session),
        }
    }

    /// Write what changed to the state file (nothing in memory).
    pub fn save(&mut self) -> Result<Option<StateWarning>, StateError> {
        match &mut self.store {
            Some(s) => s.save(),
            None => Ok(None),
        }
    }
}

//! Word lists the passes share: cue verbs, pronouns, titles. Loaded from `data/`.

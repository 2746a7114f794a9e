//! The keyboard map: one table of the window's shortcuts, which the input handling, the menus'
//! shortcut texts and the README's table all read (a test checks the README against it).

use eframe::egui::{self, Key, Modifiers};

use super::Command;

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Open a file (the dialog).
    Open,
    /// The clipboard's text as a new article.
    Paste,
    /// Quit.
    Quit,
    /// Undo the last correction.
    Undo,
    /// Redo the last correction undone.
    Redo,
    /// Open the find bar.
    Find,
    /// The next hit.
    FindNext,
    /// The previous hit.
    FindPrevious,
    /// The selected entity's next mention or quote.
    NextMention,
    /// The selected entity's previous mention or quote.
    PreviousMention,
    /// Close the find bar, else clear the selection.
    Escape,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Back to 100 %.
    ZoomReset,
}

/// One shortcut: what it does, the keys that do it (any of them), what the menu and the
/// README show, and whether it waits until no text field has the focus (keys that also type,
/// or that a text field handles itself).
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// What it does.
    pub action: Action,
    /// The keys, with their modifiers.
    pub keys: &'static [(Modifiers, Key)],
    /// The keys as the menu and the README write them.
    pub label: &'static str,
    /// What it does, in words (the README's table).
    pub what: &'static str,
    /// It acts only when no text field has the focus.
    pub outside_text: bool,
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// The window's shortcuts. Checked in this order each frame: a longer chord before a shorter
/// one it contains (Ctrl+Shift+Z before Ctrl+Z).
pub const BINDINGS: &[Binding] = &[
    Binding {
        action: Action::Open,
        keys: &[(CMD, Key::O)],
        label: "Ctrl+O",
        what: "Open an article",
        outside_text: false,
    },
    Binding {
        action: Action::Paste,
        keys: &[],
        label: "Ctrl+V",
        what: "Outside a text field: the clipboard's text as a new article",
        outside_text: true,
    },
    Binding {
        action: Action::Quit,
        keys: &[(CMD, Key::Q)],
        label: "Ctrl+Q",
        what: "Quit",
        outside_text: false,
    },
    Binding {
        action: Action::Redo,
        keys: &[(CMD_SHIFT, Key::Z), (CMD, Key::Y)],
        label: "Ctrl+Shift+Z",
        what: "Redo the last correction undone (also Ctrl+Y)",
        outside_text: true,
    },
    Binding {
        action: Action::Undo,
        keys: &[(CMD, Key::Z)],
        label: "Ctrl+Z",
        what: "Undo this window's last correction",
        outside_text: true,
    },
    Binding {
        action: Action::Find,
        keys: &[(CMD, Key::F)],
        label: "Ctrl+F",
        what: "Find in the article",
        outside_text: false,
    },
    Binding {
        action: Action::FindPrevious,
        keys: &[(SHIFT, Key::F3)],
        label: "Shift+F3",
        what: "The previous hit",
        outside_text: false,
    },
    Binding {
        action: Action::FindNext,
        keys: &[(NONE, Key::F3)],
        label: "F3",
        what: "The next hit",
        outside_text: false,
    },
    Binding {
        action: Action::NextMention,
        keys: &[(ALT, Key::ArrowDown), (NONE, Key::CloseBracket)],
        label: "] or Alt+↓",
        what: "The selected person's or country's next mention or quote",
        outside_text: false,
    },
    Binding {
        action: Action::PreviousMention,
        keys: &[(ALT, Key::ArrowUp), (NONE, Key::OpenBracket)],
        label: "[ or Alt+↑",
        what: "Its previous mention or quote",
        outside_text: false,
    },
    Binding {
        action: Action::Escape,
        keys: &[(NONE, Key::Escape)],
        label: "Esc",
        what: "Close the find bar, else clear the selection",
        outside_text: false,
    },
    Binding {
        action: Action::ZoomIn,
        keys: &[(CMD, Key::Plus), (CMD, Key::Equals)],
        label: "Ctrl++",
        what: "Larger text",
        outside_text: false,
    },
    Binding {
        action: Action::ZoomOut,
        keys: &[(CMD, Key::Minus)],
        label: "Ctrl+-",
        what: "Smaller text",
        outside_text: false,
    },
    Binding {
        action: Action::ZoomReset,
        keys: &[(CMD, Key::Num0)],
        label: "Ctrl+0",
        what: "Text at its actual size",
        outside_text: false,
    },
];

/// The shortcut text the menu shows for `action`.
pub fn label(action: Action) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.action == action)
        .map_or("", |b| b.label)
}

/// Whether `key` typed alone is a character a text field takes (so that its binding waits until
/// no text field has the focus).
fn types(mods: Modifiers, key: Key) -> bool {
    mods == NONE && matches!(key, Key::OpenBracket | Key::CloseBracket)
}

/// The actions whose keys were pressed this frame (the key events consumed). `typing`: a text
/// field has the focus, so bindings that wait for none, and bare keys that type, do nothing.
pub fn pressed(input: &mut eframe::egui::InputState, typing: bool) -> Vec<Action> {
    let mut out = Vec::new();
    for b in BINDINGS {
        if typing && b.outside_text {
            continue;
        }
        let hit = b.keys.iter().any(|&(mods, key)| {
            if typing && types(mods, key) {
                return false;
            }
            // Esc is also a text field's and a dialog's: it is read, not consumed.
            if key == Key::Escape {
                input.key_pressed(key)
            } else {
                input.consume_key(mods, key)
            }
        });
        if hit {
            out.push(b.action);
        }
    }
    out
}

/// The README's table of shortcuts, as the README must show it.
pub fn readme_table() -> String {
    BINDINGS.iter().fold(
        String::from("| Keys | What they do |\n|---|---|\n"),
        |s, b| s + "| " + b.label + " | " + b.what + " |\n",
    )
}

impl super::AppState {
    /// Keyboard shortcuts and dropped files, as commands. Keys that also type text (`[`, `]`)
    /// act only while no text field has the focus.
    pub fn handle_input(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let typing = ctx.text_edit_focused();
        let z = self.settings.zoom;
        for action in ctx.input_mut(|i| pressed(i, typing)) {
            let command = match action {
                Action::Open => Command::OpenDialog,
                Action::Quit => Command::Quit,
                Action::Undo => Command::Undo,
                Action::Redo => Command::Redo,
                Action::Find => Command::OpenFind,
                Action::FindNext if self.find.is_some() => Command::FindStep(true),
                Action::FindPrevious if self.find.is_some() => Command::FindStep(false),
                Action::NextMention => Command::Step(true),
                Action::PreviousMention => Command::Step(false),
                // Esc closes the find bar first, then clears the selection.
                Action::Escape if self.find.is_some() => Command::CloseFind,
                Action::Escape if !self.picked.0.is_empty() => Command::ClearPicked,
                Action::Escape if self.selected.is_some() => Command::ClearSelection,
                Action::ZoomIn => Command::Zoom(z * 1.1),
                Action::ZoomOut => Command::Zoom(z / 1.1),
                Action::ZoomReset => Command::Zoom(1.0),
                // Pasting arrives as a paste event, below; F3 without the find bar and Esc
                // with nothing to close do nothing.
                Action::Paste | Action::FindNext | Action::FindPrevious | Action::Escape => {
                    continue;
                }
            };
            commands.push(command);
        }
        // Alt+← from an article opened from the corpus desk: back to the desk, at its row.
        if self.desk.is_some()
            && !self.at_desk
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowLeft))
        {
            commands.push(Command::ShowDesk);
        }
        // Ctrl+V outside a text field: the pasted text becomes an "Untitled" article.
        let pasted = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(t) if !typing && !t.trim().is_empty() => Some(t.clone()),
                _ => None,
            })
        });
        if let Some(t) = pasted {
            commands.push(Command::OpenText(t));
        }
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .next()
        });
        if let Some(p) = dropped {
            commands.push(Command::Open(p));
        }
    }
}

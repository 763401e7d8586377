//! Plain-text DOM built without an HTML parser, for long lists of text (the claims and time rows,
//! the token's colored segments): elements from `createElement`, attributes from `setAttribute`,
//! text as text nodes. What the page shows of a token, a key or a paste is attacker-controlled, and
//! text set this way can never become markup, whatever it holds. It costs the start-up download
//! less code than the same rows as Leptos views (each view type is code of its own).

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// A node under construction: an element (attributes, children) or a text node.
pub struct El(Node);

impl El {
    /// An element; `tag` is one of this crate's constant tag names.
    pub fn new(tag: &str) -> El {
        // createElement only fails for a name that is not a valid tag: never for these constants.
        El(document().create_element(tag).map(Node::from).unwrap_or_else(|_| document().create_text_node("").into()))
    }

    /// A text node: `text` stays text, whatever characters it holds.
    pub fn text_node(text: &str) -> El {
        El(document().create_text_node(text).into())
    }

    /// Sets an attribute (a no-op on a text node).
    pub fn attr(self, name: &str, value: &str) -> El {
        if let Some(element) = self.0.dyn_ref::<Element>() {
            let _ = element.set_attribute(name, value);
        }
        self
    }

    /// Appends `text` as a text node.
    pub fn text(self, text: &str) -> El {
        self.child(El::text_node(text))
    }

    pub fn child(self, child: El) -> El {
        let _ = self.0.append_child(&child.0);
        self
    }
}

/// Replaces the children of `parent` with `children`.
pub fn fill(parent: &Node, children: impl IntoIterator<Item = El>) {
    parent.set_text_content(None);
    for child in children {
        let _ = parent.append_child(&child.0);
    }
}

/// Fills the element of `node_ref` with what `build` returns, once it is mounted and again
/// whenever a signal `build` reads changes.
pub fn fill_reactively<E>(node_ref: NodeRef<E>, build: impl Fn() -> Vec<El> + 'static)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(element) = node_ref.get() {
            fill(element.unchecked_ref::<Node>(), build());
        }
    });
}

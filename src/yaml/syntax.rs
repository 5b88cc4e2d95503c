//! libyaml's and serde_yaml's syntax errors ("did not find expected key, while parsing a
//! block mapping") in the current language: the problem, then what libyaml was reading.
//! Their English is libyaml's own; a problem not listed here stays as libyaml wrote it.

/// `message` (its position already taken out) in the current language, if its problem
/// is one listed here.
pub(super) fn explain(message: &str) -> Option<String> {
    let (problem, context) = match message.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (message, None),
    };
    let problem = problem_text(problem)?;
    Some(match context {
        None => problem,
        Some(c) => {
            let context = context_text(c).unwrap_or_else(|| format!("while {c}"));
            m!("yaml.syntax.while", problem = problem, context = context)
        }
    })
}

fn problem_text(problem: &str) -> Option<String> {
    Some(match problem {
        "found character that cannot start any token" => m!("yaml.syntax.cannot-start-token"),
        "did not find expected key" => m!("yaml.syntax.expected-key"),
        "mapping values are not allowed in this context" => m!("yaml.syntax.mapping-values"),
        "could not find expected ':'" => m!("yaml.syntax.expected-colon"),
        "did not find expected node content" => m!("yaml.syntax.expected-content"),
        "found unexpected end of stream" => m!("yaml.syntax.end-of-stream"),
        "EOF while parsing a value" => m!("yaml.syntax.eof"),
        "did not find expected ',' or ']'" => m!("yaml.syntax.expected-comma-bracket"),
        "did not find expected ',' or '}'" => m!("yaml.syntax.expected-comma-brace"),
        "found a tab character that violates indentation" => m!("yaml.syntax.tab-indent"),
        "found a tab character where an indentation space is expected" => {
            m!("yaml.syntax.tab-for-space")
        }
        "block sequence entries are not allowed in this context" => {
            m!("yaml.syntax.sequence-entries")
        }
        "did not find expected '-' indicator" => m!("yaml.syntax.expected-dash"),
        "found unknown escape character" => m!("yaml.syntax.unknown-escape"),
        "found unexpected document indicator" => m!("yaml.syntax.document-indicator"),
        "did not find expected comment or line break" => m!("yaml.syntax.expected-line-break"),
        "found unexpected ':'" => m!("yaml.syntax.unexpected-colon"),
        "unknown anchor" => m!("yaml.syntax.unknown-anchor"),
        "recursion limit exceeded" => m!("yaml.syntax.recursion"),
        "deserializing from YAML containing more than one document is not supported" => {
            m!("yaml.syntax.several-documents")
        }
        _ => return None,
    })
}

fn context_text(context: &str) -> Option<String> {
    Some(match context {
        "parsing a block mapping" => m!("yaml.context.block-mapping"),
        "parsing a block collection" => m!("yaml.context.block-collection"),
        "parsing a block node" => m!("yaml.context.block-node"),
        "parsing a flow node" => m!("yaml.context.flow-node"),
        "parsing a node" => m!("yaml.context.node"),
        "parsing a flow sequence" => m!("yaml.context.flow-sequence"),
        "parsing a flow mapping" => m!("yaml.context.flow-mapping"),
        "scanning a quoted scalar" => m!("yaml.context.scanning-quoted"),
        "parsing a quoted scalar" => m!("yaml.context.parsing-quoted"),
        "scanning a plain scalar" => m!("yaml.context.plain-scalar"),
        "scanning a block scalar" => m!("yaml.context.block-scalar"),
        "scanning a simple key" => m!("yaml.context.simple-key"),
        "scanning for the next token" => m!("yaml.context.next-token"),
        "scanning an anchor" => m!("yaml.context.anchor"),
        "scanning an alias" => m!("yaml.context.alias"),
        _ => return None,
    })
}

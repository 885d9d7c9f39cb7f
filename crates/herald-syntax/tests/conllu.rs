//! CoNLL-U reader edge cases.

use herald_syntax::conllu::{parse_str, write_string};
use herald_syntax::SyntaxError;

const MWT: &str = "# sent_id = a
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
4.1\tknows\t_\t_\t_\t_\t_\t_\t2:nsubj\t_
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = b
1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_
";

#[test]
fn reads_multiword_tokens_empty_nodes_and_comments() {
    let s = parse_str(MWT, "mwt.conllu").expect("valid");
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].comments, vec!["sent_id = a", "text = I don't know."]);
    assert_eq!(s[0].forms(), vec!["I", "do", "n't", "know", "."]);
    assert_eq!(s[0].multiword.len(), 1);
    assert_eq!((s[0].multiword[0].start, s[0].multiword[0].end), (2, 3));
    assert_eq!(s[0].multiword[0].form, "don't");
    assert_eq!(s[0].empty_nodes.len(), 1);
    assert_eq!(s[0].words[3].misc, "SpaceAfter=No");
    assert_eq!(
        s[0].heads0(),
        vec![Some(3), Some(3), Some(3), None, Some(3)]
    );
    assert_eq!(s[1].words.len(), 1);
    // Writing and reading back keeps the basic words.
    let again = parse_str(&write_string(&s), "again").expect("valid");
    assert_eq!(again[0].words, s[0].words);
}

#[test]
fn missing_final_blank_line_and_crlf_are_fine() {
    let s = parse_str("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\r\n", "x").expect("valid");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].words[0].misc, "_");
}

fn error_of(text: &str) -> (String, usize, String) {
    match parse_str(text, "bad.conllu") {
        Err(SyntaxError::Conllu {
            file,
            line,
            message,
        }) => (file, line, message),
        other => panic!("expected a CoNLL-U error, got {other:?}"),
    }
}

#[test]
fn wrong_column_count_names_file_and_line() {
    let (file, line, msg) = error_of("# c\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\n");
    assert_eq!((file.as_str(), line), ("bad.conllu", 2));
    assert!(msg.contains("10"), "{msg}");
    let e = parse_str("1 Hi hi\n", "f.conllu").unwrap_err().to_string();
    assert!(e.starts_with("f.conllu:1:"), "{e}");
}

#[test]
fn bad_ids_are_reported() {
    let (_, line, msg) =
        error_of("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\nx\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n");
    assert_eq!(line, 2);
    assert!(msg.contains("bad word id"), "{msg}");
    let (_, line, msg) =
        error_of("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n");
    assert_eq!(line, 2);
    assert!(msg.contains("out of sequence"), "{msg}");
    let (_, line, _) = error_of("1-x\tab\t_\t_\t_\t_\t_\t_\t_\t_\n");
    assert_eq!(line, 1);
    let (_, line, _) =
        error_of("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n1.a\tb\t_\t_\t_\t_\t_\t_\t_\t_\n");
    assert_eq!(line, 2);
}

#[test]
fn bad_heads_are_reported() {
    let (_, line, msg) = error_of("1\ta\ta\tX\tX\t_\tz\troot\t_\t_\n");
    assert_eq!(line, 1);
    assert!(msg.contains("HEAD"), "{msg}");
    let (_, line, msg) =
        error_of("# c\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\t7\tdep\t_\t_\n\n");
    assert_eq!(line, 3);
    assert!(msg.contains("beyond"), "{msg}");
    let (_, line, msg) = error_of("1\ta\ta\tX\tX\t_\t1\troot\t_\t_\n");
    assert_eq!(line, 1);
    assert!(msg.contains("own HEAD"), "{msg}");
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let e = herald_syntax::conllu::read_file(std::path::Path::new("/nonexistent/x.conllu"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("/nonexistent/x.conllu"), "{e}");
}

//! The Svnic PowerShell module (user-tools/powershell) checked without PowerShell.
//!
//! Every `.ps1`, `.psm1` and `.psd1` is parsed with the tree-sitter PowerShell grammar; any ERROR
//! or MISSING node fails the test with file:line:column. Every exported function must carry
//! comment-based help (.SYNOPSIS, .DESCRIPTION, .PARAMETER for each parameter, .EXAMPLE) and be
//! listed in the manifest.

use std::path::{Path, PathBuf};

use tree_sitter::{Node, Parser, Tree};

fn module_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../powershell/Svnic")
        .canonicalize()
        .unwrap()
}

/// Every PowerShell file under user-tools/powershell, sorted.
fn powershell_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("ps1" | "psm1" | "psd1")
            ) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(module_dir().parent().unwrap(), &mut out);
    out.sort();
    out
}

fn parse(src: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    parser.parse(src, None).unwrap()
}

/// `line:column` (1-based) and kind of every ERROR or MISSING node.
fn syntax_errors(tree: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            let p = node.start_position();
            let what = if node.is_missing() {
                format!("MISSING {}", node.kind())
            } else {
                "ERROR".to_string()
            };
            out.push(format!("{}:{}: {what}", p.row + 1, p.column + 1));
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    out.sort();
    out
}

fn text<'a>(node: Node<'_>, src: &'a str) -> &'a str {
    &src[node.byte_range()]
}

/// All descendants of `node` (itself included) of the given kind, in source order.
fn descendants<'t>(node: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == kind {
            out.push(n);
        }
        let mut cursor = n.walk();
        let children: Vec<_> = n.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

#[test]
fn every_powershell_file_parses_without_error_or_missing_nodes() {
    let files = powershell_files();
    // The manifest, the root module, 2 private and 6 public files.
    assert_eq!(files.len(), 10, "{files:#?}");
    let mut failures = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).unwrap();
        let tree = parse(&src);
        for e in syntax_errors(&tree) {
            failures.push(format!("{}:{e}", file.display()));
        }
    }
    assert!(failures.is_empty(), "syntax errors:\n{}", failures.join("\n"));
}

#[test]
fn the_syntax_check_reports_broken_powershell_with_its_line() {
    // An unclosed condition and an unclosed block: the check must catch both kinds of damage.
    let tree = parse("function Get-X {\n    param([string] $A)\n    if ($A -eq 'b' {\n        'x'\n");
    let errors = syntax_errors(&tree);
    assert!(!errors.is_empty());
    // The unclosed condition is on line 3: an error is reported there (tree-sitter may also
    // wrap the whole unfinished function in an ERROR node starting at 1:1).
    assert!(errors.iter().any(|e| e.starts_with("3:")), "{errors:?}");
    let clean = parse("Get-ChildItem | Where-Object { $_.Length -gt 1 }\n");
    assert_eq!(syntax_errors(&clean), Vec::<String>::new());
}

/// Function names the manifest exports.
fn manifest_exports() -> Vec<String> {
    let path = module_dir().join("Svnic.psd1");
    let src = std::fs::read_to_string(&path).unwrap();
    let tree = parse(&src);
    let pairs = descendants(tree.root_node(), "hash_entry");
    let entry = pairs
        .into_iter()
        .find(|p| text(*p, &src).trim_start().starts_with("FunctionsToExport"))
        .expect("FunctionsToExport in Svnic.psd1");
    let mut names: Vec<String> = descendants(entry, "string_literal")
        .into_iter()
        .map(|s| text(s, &src).trim_matches('\'').to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn every_exported_function_has_a_file_and_complete_comment_based_help() {
    let exports = manifest_exports();
    assert_eq!(
        exports,
        [
            "Get-SvnicQueue",
            "Get-SvnicVPort",
            "Get-SvnicVf",
            "Install-Svnic",
            "New-SvnicTestHost",
            "Uninstall-Svnic"
        ]
    );
    for name in &exports {
        let path = module_dir().join("Public").join(format!("{name}.ps1"));
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let tree = parse(&src);
        let functions = descendants(tree.root_node(), "function_statement");
        assert_eq!(functions.len(), 1, "{name}: one function per file");
        let f = functions[0];
        let fname = descendants(f, "function_name")[0];
        assert_eq!(text(fname, &src), name.as_str());

        let help: String = descendants(f, "comment")
            .into_iter()
            .map(|c| text(c, &src))
            .filter(|c| c.starts_with("<#"))
            .collect();
        for section in [".SYNOPSIS", ".DESCRIPTION", ".EXAMPLE"] {
            assert!(help.contains(section), "{name}: help lacks {section}");
        }
        let params: Vec<String> = descendants(f, "script_parameter")
            .into_iter()
            .map(|p| {
                // The parameter's own variable is a direct child; `$true` in an attribute is not.
                let mut cursor = p.walk();
                let var = p.children(&mut cursor).find(|c| c.kind() == "variable").unwrap();
                text(var, &src).trim_start_matches('$').to_string()
            })
            .collect();
        assert!(!params.is_empty() || name == "Uninstall-Svnic", "{name}");
        for p in &params {
            assert!(
                help.contains(&format!(".PARAMETER {p}")),
                "{name}: help lacks .PARAMETER {p}"
            );
        }
    }
}

/// String-literal and variable words of an assignment's right-hand side, in source order
/// (`@('vmq', 'queues')` -> ["vmq", "queues"]; a variable becomes "VALUE").
fn rhs_words(node: Node<'_>, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "string_literal" => {
                out.push(text(n, src).trim_matches(['\'', '"']).to_string());
                continue;
            }
            "variable" => {
                out.push("VALUE".to_string());
                continue;
            }
            _ => {}
        }
        let mut cursor = n.walk();
        let children: Vec<_> = n.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// The svnicctl argument lists the module builds: every function's assignments to the variable
/// it passes to `Invoke-Svnicctl -Arguments`, in order (`=` starts, `+=` appends; conditional
/// appends are all taken, so every flag a script may pass is checked).
fn svnicctl_invocations() -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for file in powershell_files() {
        let src = std::fs::read_to_string(&file).unwrap();
        let tree = parse(&src);
        for f in descendants(tree.root_node(), "function_statement") {
            let calls: Vec<Node> = descendants(f, "command")
                .into_iter()
                .filter(|c| {
                    c.child_by_field_name("command_name")
                        .is_some_and(|n| text(n, &src) == "Invoke-Svnicctl")
                })
                .collect();
            for call in calls {
                let call_text = text(call, &src);
                let var = call_text
                    .split_whitespace()
                    .skip_while(|w| *w != "-Arguments")
                    .nth(1)
                    .expect("Invoke-Svnicctl -Arguments <variable>")
                    .to_string();
                let mut words = Vec::new();
                for a in descendants(f, "assignment_expression") {
                    let mut cursor = a.walk();
                    let kids: Vec<Node> = a.children(&mut cursor).collect();
                    if kids.len() < 3 || text(kids[0], &src).trim() != var {
                        continue;
                    }
                    if text(kids[1], &src).trim() == "=" {
                        words.clear();
                    }
                    words.extend(rhs_words(kids[2], &src));
                }
                assert!(
                    !words.is_empty(),
                    "{}: no arguments found for {var}",
                    file.display()
                );
                out.push((file.file_name().unwrap().to_string_lossy().into_owned(), words));
            }
        }
    }
    out
}

#[test]
fn every_svnicctl_command_the_module_runs_exists_with_its_flags() {
    let calls = svnicctl_invocations();
    // Get-SvnicQueue, Get-SvnicVf, Get-SvnicVPort.
    assert_eq!(calls.len(), 3, "{calls:?}");
    let expected_subcommands: Vec<Vec<&str>> =
        vec![vec!["vmq", "queues"], vec!["sriov", "vfs"], vec!["vport", "list"]];
    let mut seen: Vec<Vec<&str>> = calls
        .iter()
        .map(|(_, w)| w.iter().take(2).map(String::as_str).collect())
        .collect();
    seen.sort();
    let mut want = expected_subcommands.clone();
    want.sort();
    assert_eq!(seen, want);
    for (file, words) in &calls {
        // Invoke-Svnicctl adds --json and, with -Scenario, --scenario FILE.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_svnicctl"))
            .args(["--json", "--scenario", "VALUE"])
            .args(words)
            .arg("--help")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: `svnicctl --json --scenario VALUE {} --help` failed:\n{}",
            words.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        let help = String::from_utf8_lossy(&out.stdout);
        for flag in words.iter().filter(|w| w.starts_with("--")) {
            assert!(
                help.contains(flag.as_str()),
                "{file}: {flag} not in the help of {words:?}"
            );
        }
    }
}

/// The property names a Get-Svnic* function's help promises: the list after "columns of
/// <cmdlet>:" up to the first period ("A, B, plus C and D").
fn promised_properties(file: &str) -> Vec<String> {
    let src = std::fs::read_to_string(module_dir().join("Public").join(file)).unwrap();
    let flat = src.split_whitespace().collect::<Vec<_>>().join(" ");
    let after = flat
        .split("columns of ")
        .nth(1)
        .expect("'columns of' in the help");
    let list = after.split_once(':').unwrap().1;
    let list = list.split('.').next().unwrap();
    list.replace(" plus ", ",")
        .replace(" and ", ",")
        .split(',')
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
#[cfg(not(windows))]
fn svnicctl_json_has_every_property_the_module_documents() {
    let scenario = std::env::temp_dir().join(format!("svnic-ps-{}.toml", std::process::id()));
    std::fs::write(
        &scenario,
        r#"
[[adapter]]
name = "svnic0"
keywords = { "*RssOrVmqPreference" = 1 }

[[adapter]]
name = "svnic1"
keywords = { "*SriovPreferred" = 1, "*SRIOV" = 1, "*VMQ" = 0, "*NumVFs" = 2 }

[[vm]]
name = "vmq-vm"
adapter = "svnic0"
mac = "00-15-5D-00-00-01"
vlan = 5

[[vm]]
name = "vf-vm"
adapter = "svnic1"
mac = "00-15-5D-00-00-02"
iov_weight = 100
"#,
    )
    .unwrap();
    assert_eq!(
        promised_properties("Get-SvnicQueue.ps1"),
        [
            "QueueID",
            "MacAddress",
            "VlanID",
            "Processor",
            "VmFriendlyName",
            "State",
            "NumFilters"
        ]
    );
    for (file, words) in svnicctl_invocations() {
        // The VMQ adapter for queues, the SR-IOV adapter for VFs and vPorts.
        let adapter = if words[0] == "vmq" { "svnic0" } else { "svnic1" };
        let args: Vec<&str> = words
            .iter()
            .map(|w| if w == "VALUE" { adapter } else { w.as_str() })
            .collect();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_svnicctl"))
            .args(["--json", "--scenario", scenario.to_str().unwrap()])
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = v
            .as_array()
            .unwrap_or_else(|| panic!("{file}: not an array: {v}"));
        assert!(!rows.is_empty(), "{file}: no rows for {args:?}");
        for prop in promised_properties(&file) {
            assert!(
                rows.iter().all(|r| r.get(&prop).is_some()),
                "{file}: svnicctl {args:?} rows lack {prop}: {v}"
            );
        }
    }
    std::fs::remove_file(&scenario).unwrap();
}

//! The `quotelens` binary: parses the command line, then runs the GUI or a CLI subcommand.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Quotelens: see every person, country and quotation in a news article, and who said what.
#[derive(Parser)]
#[command(
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Exit codes: 0 success, 1 an input error (a file that cannot be read or \
analysed, no display for the window; for batch and stats: any file that failed), 2 a usage error."
)]
struct Cli {
    /// Article to open in the window ("-" reads standard input; default: the bundled sample).
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print who said what in an article (or its full analysis as JSON).
    #[command(visible_alias = "analyse")]
    Analyze {
        /// Print the analysis as JSON (schema quotelens.analysis/1).
        #[arg(long)]
        json: bool,
        /// Ignore the article's review (ARTICLE.quotelens.json): the engine's reading alone.
        #[arg(long)]
        no_review: bool,
        /// The article ("-" reads standard input).
        file: PathBuf,
    },
    /// Export an article's analysis: who said what as CSV, the JSON, or a Markdown or HTML report.
    Export {
        /// The format.
        #[arg(long, value_enum)]
        format: quotelens::report::Format,
        /// The article ("-" reads standard input).
        file: PathBuf,
        /// Where to write it (default, or "-": standard output).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Ignore the article's review (ARTICLE.quotelens.json): the engine's reading alone.
        #[arg(long)]
        no_review: bool,
    },
    /// Analyse many articles in parallel: one JSON line (.jsonl) or CSV rows (.csv) per article.
    Batch {
        /// Folders (read recursively: .txt, .md, .html …) and files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The results file: .jsonl (or .ndjson), .csv, or .parquet (one row per quote, typed).
        #[arg(long)]
        out: PathBuf,
        /// Also a table of the articles, one row each (counts, people, countries): .parquet.
        #[arg(long, value_name = "ARTICLES.parquet")]
        articles: Option<PathBuf>,
        /// Articles analysed at once (default: one per core).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// A folder as one corpus: who is quoted and how often, countries, sources, people by how
    /// the articles refer to them, quotes over time. The folder's index (in the data folder)
    /// is brought up to date first: only new or changed files (or reviews) are analysed.
    Stats {
        /// The folder (read recursively: .txt, .md, .html …).
        dir: PathBuf,
        /// Print the numbers as JSON (schema quotelens.stats/1).
        #[arg(long)]
        json: bool,
        /// Articles analysed at once (default: one per core).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Print an article's review (its corrections, in effect and undone), or add corrections to
    /// it from a JSON file, merged with what any window saved meanwhile.
    Review {
        /// The article.
        file: PathBuf,
        /// A JSON file of corrections to add: a list in the review schema's `corrections`
        /// format (ids optional), or a review.
        #[arg(long, value_name = "CORRECTIONS.json")]
        add: Option<PathBuf>,
    },
    /// Tag and parse: a CoNLL-U file's sentences (its tags and trees ignored) to CoNLL-U with
    /// predicted UPOS, XPOS, HEAD and DEPREL; or an article's sentences, words and trees.
    Parse {
        /// Read FILE as CoNLL-U (gold tokens and sentences) and write CoNLL-U.
        #[arg(long)]
        conllu: bool,
        /// The file.
        file: PathBuf,
    },
    /// Score the tagger and parser on a split of GUM: UPOS, XPOS, UAS, LAS and speed.
    EvalSyntax {
        /// The folder with the CoNLL-U documents and split-train/dev/test.txt.
        dir: PathBuf,
        /// The split to score.
        #[arg(long, default_value = "test")]
        split: String,
        /// Give the parser the gold tags instead of the tagger's (how much tagging errors cost
        /// the parse; UPOS and XPOS then read 100 %).
        #[arg(long)]
        gold_tags: bool,
    },
    /// Score the analysis against gold folders (NNN.txt + NNN.json, as in the dev set).
    Eval {
        /// After the scores, list every miss with the text around it, grouped by kind.
        #[arg(long)]
        errors: bool,
        /// Run the speaker rules without the parse (the rules before syntax), to measure what
        /// syntax buys.
        #[arg(long)]
        no_syntax: bool,
        /// Gold folders.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
    },
}

/// Prints a run over many files (its output, or its error) and exits with 1 unless every file
/// could be read.
#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the CLI's output"
)]
fn report(result: Result<(String, bool), String>) -> ExitCode {
    match result {
        Ok((out, all_read)) => {
            print!("{out}");
            if !out.is_empty() && !out.ends_with('\n') {
                println!();
            }
            if all_read {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("quotelens: {e}");
            ExitCode::FAILURE
        }
    }
}

#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the CLI's output"
)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    let reads_stdin = match &cli.command {
        Some(Command::Analyze { file, .. } | Command::Export { file, .. }) => Some(file),
        Some(
            Command::Eval { .. }
            | Command::Batch { .. }
            | Command::Stats { .. }
            | Command::Parse { .. }
            | Command::Review { .. }
            | Command::EvalSyntax { .. },
        ) => None,
        None => cli.file.as_ref(),
    }
    .is_some_and(|f| quotelens::document::is_stdin(f));
    if reads_stdin && std::io::stdin().is_terminal() {
        eprintln!("quotelens: reading the article from standard input (end it with Ctrl+D)");
    }
    let result = match cli.command {
        Some(Command::Analyze {
            json,
            no_review,
            file,
        }) => quotelens::cli::analyze_file(&file, json, !no_review),
        Some(Command::Eval {
            errors,
            no_syntax,
            dirs,
        }) => quotelens::cli::eval_dirs(&dirs, errors, !no_syntax),
        Some(Command::Review { file, add: None }) => quotelens::review_cli::show(&file),
        Some(Command::Review {
            file,
            add: Some(add),
        }) => quotelens::review_cli::add(&file, &add),
        Some(Command::Parse { conllu: true, file }) => quotelens::syntax_cli::parse_conllu(&file),
        Some(Command::Parse {
            conllu: false,
            file,
        }) => quotelens::syntax_cli::parse_text(&file),
        Some(Command::EvalSyntax {
            dir,
            split,
            gold_tags,
        }) => quotelens::syntax_cli::eval_syntax(&dir, &split, gold_tags),
        Some(Command::Export {
            format,
            file,
            out,
            no_review,
        }) => quotelens::cli::export_file(&file, format, out.as_deref(), !no_review),
        Some(Command::Stats { dir, json, jobs }) => {
            return report(quotelens::corpus_cli::stats(&dir, json, jobs));
        }
        Some(Command::Batch {
            inputs,
            out,
            articles,
            jobs,
        }) => {
            return report(quotelens::cli::batch(
                &inputs,
                &out,
                articles.as_deref(),
                jobs,
            ));
        }
        None => {
            return match quotelens::window::run(cli.file) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            };
        }
    };
    match result {
        Ok(mut out) => {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            // A reader that stops early (`quotelens analyze … | head`) is not an error.
            match std::io::stdout().lock().write_all(out.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("quotelens: could not write the output ({e})");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("quotelens: {e}");
            ExitCode::FAILURE
        }
    }
}

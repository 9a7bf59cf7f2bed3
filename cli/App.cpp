// App: the command line — CLI11 definitions of every subcommand and option, dispatch, and
// the top-level guard that turns any escaped failure into exit code 101.
#include "cli/App.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "checker/config/ConfigLoader.h"
#include "checker/config/Suggest.h"
#include "cli/CheckCommand.h"
#include "cli/CrashHandler.h"
#include "cli/ExplainCommand.h"
#include "cli/SnapshotCommand.h"
#include "lsp/Server.h"

namespace shrike::cli {

namespace {

// "{a|b|c}", how an option's choices show in --help.
std::string choiceList(const std::vector<std::string_view>& choices) {
  std::string out = "{";
  for (size_t i = 0; i < choices.size(); ++i) out += (i ? "|" : "") + std::string(choices[i]);
  return out + "}";
}

// A validator that accepts one of `choices` and suggests the nearest on a typo.
CLI::Validator oneOf(const std::vector<std::string_view>& choices, std::string what) {
  return CLI::Validator(
      [choices, what](std::string& value) -> std::string {
        for (std::string_view choice : choices)
          if (choice == value) return {};
        return "invalid " + what + " `" + value + "`: expected " + checker::quotedList(choices) +
               checker::didYouMean(value, choices);
      },
      "");
}

CLI::Validator ruleCode() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value == "all" || checker::findRule(value)) return {};
        return "unknown rule `" + value + "`" +
               checker::didYouMean(value, checker::ruleCodeChoices()) +
               " (`shrike explain` lists the rules)";
      },
      "");
}

void addCheckOptions(CLI::App& check, CheckOptions& o) {
  check.add_option("paths", o.paths,
                   "Files or folders to check (default: the project's include, or its root)");
  check.add_option("--python-version", o.pythonVersion, "Python version to check against")
      ->check(oneOf(checker::pythonVersionChoices(), "Python version"))
      ->type_name(choiceList(checker::pythonVersionChoices()));
  check
      .add_option("--python-platform", o.pythonPlatform, "Platform to check against (sys.platform)")
      ->check(oneOf(checker::pythonPlatformChoices(), "platform"))
      ->type_name(choiceList(checker::pythonPlatformChoices()));
  check
      .add_option("--python", o.python,
                  "Python interpreter or environment folder whose packages imports resolve to")
      ->type_name("PATH");
  check
      .add_option("--extra-search-path", o.extraSearchPaths,
                  "Another folder to resolve imports from (repeatable)")
      ->allow_extra_args(false)
      ->type_name("DIR");
  check.add_option("--threads", o.threads, "Threads to check on (default: all cores)")
      ->check(CLI::NonNegativeNumber)
      ->type_name("N");
  check
      .add_option("--output-format", o.outputFormat,
                  "How to print diagnostics (default: full on a terminal, concise otherwise)")
      ->check(oneOf(checker::outputFormatChoices(), "output format"))
      ->type_name(choiceList(checker::outputFormatChoices()));
  struct LevelFlag {
    const char* name;
    checker::RuleLevel level;
    const char* help;
  };
  for (LevelFlag flag : {LevelFlag{"--error", checker::RuleLevel::Error,
                                   "Report RULE as an error (repeatable; `all` for every rule)"},
                         LevelFlag{"--warn", checker::RuleLevel::Warn,
                                   "Report RULE as a warning (repeatable; `all` for every rule)"},
                         LevelFlag{"--ignore", checker::RuleLevel::Ignore,
                                   "Do not report RULE (repeatable; `all` for every rule)"}}) {
    checker::RuleLevel level = flag.level;
    check
        .add_option_function<std::string>(
            flag.name,
            [&o, level](const std::string& code) { o.ruleLevels.emplace_back(level, code); },
            flag.help)
        ->check(ruleCode())
        ->trigger_on_parse()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->type_name("RULE");
  }
  check.add_flag("--exit-zero", o.exitZero, "Exit with 0 even when errors are found");
  check.add_flag("--error-on-warning", o.errorOnWarning, "Exit with 1 when warnings are found");
  check.add_option("--color", o.color, "When to colour the output (NO_COLOR is respected by auto)")
      ->check(oneOf(checker::colorChoices(), "colour choice"))
      ->type_name(choiceList(checker::colorChoices()));
  check
      .add_option("--config-file", o.configFile,
                  "Read this configuration file instead of discovering one")
      ->type_name("FILE");
  check.add_option("--baseline", o.baseline, "Hide the diagnostics recorded in this baseline file")
      ->type_name("FILE");
  check
      .add_option("--write-baseline", o.writeBaseline,
                  "Record the current diagnostics in this baseline file")
      ->type_name("FILE");
  check.add_flag("--no-respect-gitignore", o.noRespectGitignore,
                 "Check files that .gitignore files exclude");
  check.add_flag("--statistics", o.statistics,
                 "Print counts per rule and time per phase on stderr");
  check.add_flag("-q,--quiet", o.quiet,
                 "Print diagnostics only: no summary, no progress, no warnings");
  check.add_flag("-v,--verbose", o.verbose, "Print the configuration and files used on stderr");
}

int run(int argc, char** argv) {
  CLI::App app{"Shrike: a fast Python type checker and language server", "shrike"};
  app.set_version_flag("-V,--version", std::string("shrike ") + SHRIKE_VERSION);
  app.require_subcommand(0, 1);
  app.set_help_all_flag("--help-all", "Print help for every command");

  CheckOptions checkOptions;
  CLI::App* check = app.add_subcommand("check", "Check Python files for type errors");
  addCheckOptions(*check, checkOptions);

  lsp::ServerOptions lspOptions;
  lspOptions.version = SHRIKE_VERSION;
  CLI::App* lspCommand =
      app.add_subcommand("lsp", "Run the language server (Language Server Protocol on stdio)");
  lspCommand->add_flag("--verbose", lspOptions.verbose, "Log every message on stderr");
  lspCommand
      ->add_option("--threads", lspOptions.workerThreads, "Worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);

  CLI::App* version = app.add_subcommand("version", "Print Shrike's version");

  std::optional<std::string> rule;
  bool markdown = false;
  bool exampleCases = false;
  CLI::App* explain =
      app.add_subcommand("explain", "Explain a rule: what it catches, with an example");
  explain->add_option("rule", rule,
                      "A rule code such as invalid-assignment (none: list every rule)");
  explain->add_flag("--markdown", markdown, "Print the rules reference (docs/rules.md)")->group("");
  explain->add_flag("--example-cases", exampleCases, "Print the rules' examples as a case file")
      ->group("");

  // Hidden: run by the build to write the stub snapshot (checker/StubSnapshot.h).
  std::string snapshotFolder, snapshotOutput;
  CLI::App* snapshot = app.add_subcommand("snapshot-stubs", "");
  snapshot->group("");
  snapshot->add_option("folder", snapshotFolder, "typeshed's stdlib folder")->required();
  snapshot->add_option("output", snapshotOutput, "the snapshot file to write")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version arrive here as "errors" with exit code 0.
    if (error.get_exit_code() == 0) return app.exit(error);
    std::cerr << "shrike: error: " << error.what() << "\nFor more information, try --help.\n";
    return ExitUsage;
  }
  if (*check) return runCheck(checkOptions);
  if (*lspCommand) return lsp::runServer(lspOptions);
  if (*version) {
    std::cout << "shrike " << SHRIKE_VERSION << '\n';
    return ExitSuccess;
  }
  if (*explain) return runExplain(rule, markdown, exampleCases);
  if (*snapshot) return runSnapshotStubs(snapshotFolder, snapshotOutput);
  std::cerr << app.help();
  return ExitUsage;
}

// A deliberate internal failure, for the tests of the last-resort handlers
// (tests/cli/cases/internal-error.md): SHRIKE_DEBUG_CRASH=exception|thread.
void crashIfAsked() {
  const char* mode = std::getenv("SHRIKE_DEBUG_CRASH");
  if (!mode) return;
  std::string_view which = mode;
  if (which == "exception")
    throw std::runtime_error("deliberate failure (SHRIKE_DEBUG_CRASH=exception)");
  if (which == "thread")
    std::thread([] {
      throw std::runtime_error("deliberate failure (SHRIKE_DEBUG_CRASH=thread)");
    }).join();
}

} // namespace

int runApp(int argc, char** argv) {
  installCrashHandlers();
  try {
    crashIfAsked();
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "shrike: internal error: " << error.what() << '\n' << bugReportRequest();
  } catch (...) {
    std::cerr << "shrike: internal error: unknown exception\n" << bugReportRequest();
  }
  return ExitInternal;
}

} // namespace shrike::cli

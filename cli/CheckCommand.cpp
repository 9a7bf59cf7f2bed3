// CheckCommand: one `shrike check` run from options to exit code.
#include "cli/CheckCommand.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <thread>

#include "checker/Program.h"
#include "checker/StubSnapshot.h"
#include "checker/config/ConfigLoader.h"
#include "checker/config/FileDiscovery.h"
#include "cli/Baseline.h"
#include "cli/CrashHandler.h"
#include "cli/OutputFormats.h"
#include "cli/Progress.h"
#include "cli/Summary.h"
#include "cli/Terminal.h"

#if defined(__SANITIZE_ADDRESS__)
#define SHRIKE_LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHRIKE_LEAK_CHECKED 1
#endif
#endif
#ifndef SHRIKE_LEAK_CHECKED
#define SHRIKE_LEAK_CHECKED 0
#endif

namespace shrike::cli {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Freeing every module, syntax tree and type one by one costs a visible share of a run
// (0.3 s of 11 s on Django) just before the process exits, when the system takes the memory
// back at once: the Program is left allocated. Under the address sanitizer it is freed, so
// that the leak checks stay meaningful.
struct ProgramForThisRun {
  std::unique_ptr<checker::Program> program;
  ~ProgramForThisRun() {
#if SHRIKE_LEAK_CHECKED
    program.reset();
#else
    (void)program.release();
#endif
  }
};

double processCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// The threads checkFiles runs on for `files` files with `--threads threads`.
unsigned threadsUsed(unsigned threads, size_t files) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return unsigned(std::clamp<size_t>(files, 1, threads));
}

// --verbose: the interpreter asked, what it answered, and the target of the check.
void printEnvironment(const checker::Program& program, const std::string& cwd) {
  const checker::Environment& environment = program.resolver().environment();
  std::cerr << "shrike: python interpreter: "
            << (environment.interpreter.empty() ? std::string("none")
                                                : displayPath(environment.interpreter, cwd))
            << '\n';
  for (const std::string& folder : environment.sitePackages)
    std::cerr << "shrike: site-packages: " << displayPath(folder, cwd) << '\n';
  const checker::PythonTarget& target = program.target();
  std::cerr << "shrike: target: Python " << target.version.toString() << " on " << target.platform
            << '\n';
}

void printError(const std::string& message) {
  std::cerr << "shrike: error: " << message << '\n';
}
void printWarning(const std::string& message) {
  std::cerr << "shrike: warning: " << message << '\n';
}

ColorChoice colorChoice(std::string_view name) {
  return name == "always"  ? ColorChoice::Always
         : name == "never" ? ColorChoice::Never
                           : ColorChoice::Auto;
}

// The command line wins over the configuration file.
void applyOptions(const CheckOptions& options, checker::ProjectConfig& config,
                  const std::string& cwd) {
  checker::Settings& s = config.settings;
  if (options.pythonVersion) s.pythonVersion = checker::parsePythonVersion(*options.pythonVersion);
  if (options.pythonPlatform) s.pythonPlatform = *options.pythonPlatform;
  if (options.python) s.python = checker::normalizePath(*options.python, cwd);
  for (const std::string& path : options.extraSearchPaths)
    s.extraSearchPaths.push_back(checker::normalizePath(path, cwd));
  if (options.threads) s.threads = *options.threads;
  for (const auto& [level, code] : options.ruleLevels) checker::setRuleLevel(s.rules, code, level);
  if (options.noRespectGitignore) s.respectGitignore = false;
  checker::TerminalSettings& t = config.terminal;
  if (options.outputFormat) t.outputFormat = *options.outputFormat;
  if (options.color) t.color = *options.color;
  if (options.exitZero) t.exitZero = true;
  if (options.errorOnWarning) t.errorOnWarning = true;
  if (options.baseline) t.baseline = checker::normalizePath(*options.baseline, cwd);
}

// Checks the files, with a progress bar when one is wanted; the results keep the order of
// `files`.
std::vector<checker::CheckedFile> checkAll(checker::Program& program,
                                           const std::vector<std::string>& files, unsigned threads,
                                           bool showProgress) {
  if (!showProgress) return program.checkFiles(files, threads);
  ProgressBar progress(true, files.size());
  auto results = program.checkFiles(files, threads, [&](size_t done) { progress.update(done); });
  progress.finish();
  return results;
}

} // namespace

int runCheck(const CheckOptions& options) {
  Clock::time_point start = Clock::now();
  std::vector<PhaseTiming> phases;
  std::string cwd = fs::current_path().string();
  size_t unusablePaths = 0; // named or found, and could not be checked: exit code 2

  // Configuration.
  Clock::time_point phaseStart = Clock::now();
  checker::ConfigResult loaded = options.configFile ? checker::loadConfigFile(*options.configFile)
                                                    : checker::discoverProjectConfig(cwd);
  if (auto* error = std::get_if<checker::ConfigError>(&loaded)) {
    printError("invalid configuration: " + error->format(displayPath(error->file, cwd)));
    return ExitUsage;
  }
  checker::ProjectConfig config = std::move(std::get<checker::ProjectConfig>(loaded));
  applyOptions(options, config, cwd);
  const checker::Settings& settings = config.settings;
  const checker::TerminalSettings& terminal = config.terminal;
  OutputFormat format = terminal.outputFormat ? *parseOutputFormat(*terminal.outputFormat)
                        : isTerminal(stdout)  ? OutputFormat::Full
                                              : OutputFormat::Concise;
  ColorChoice color = colorChoice(terminal.color.value_or("auto"));
  bool colorOut = shouldColor(color, stdout) &&
                  (format == OutputFormat::Full || format == OutputFormat::Concise);
  Style errStyle(shouldColor(color, stderr));
  if (options.verbose) {
    std::cerr << "shrike: configuration: "
              << (config.configFile.empty() ? std::string("none found")
                                            : displayPath(config.configFile, cwd))
              << '\n';
    std::cerr << "shrike: project root: " << settings.projectRoot << '\n';
    for (const std::string& note : config.notes) std::cerr << "shrike: " << note << '\n';
  }
  phases.push_back({"configuration", secondsSince(phaseStart)});

  // The interpreter is asked for its search paths (a Python start-up, tens of milliseconds
  // or more) while the files are found.
  std::future<std::shared_ptr<checker::ModuleResolver>> resolver = std::async(
      std::launch::async, [&settings] { return checker::ModuleResolver::create(settings); });

  // Files.
  phaseStart = Clock::now();
  checker::DiscoveredFiles discovered = checker::discoverFiles(settings, options.paths, cwd);
  for (const checker::DiscoveryProblem& problem : discovered.unusable) {
    printError(displayPath(problem.path, cwd) + ": " + problem.message);
    ++unusablePaths;
  }
  if (!options.quiet)
    for (const checker::DiscoveryProblem& problem : discovered.skipped)
      printWarning("skipped " + displayPath(problem.path, cwd) + ": " + problem.message);
  if (options.verbose)
    std::cerr << "shrike: found " << discovered.files.size()
              << (discovered.files.size() == 1 ? " Python file\n" : " Python files\n");
  if (discovered.files.empty() && discovered.unusable.empty() && !options.quiet)
    printWarning("no Python files found");
  phases.push_back({"file discovery", secondsSince(phaseStart)});

  // The environment: what is left of waiting for the interpreter's answer.
  phaseStart = Clock::now();
  ProgramForThisRun owner(std::make_unique<checker::Program>(settings, resolver.get()));
  checker::Program& program = *owner.program;
  if (!options.quiet)
    for (const std::string& problem : program.resolver().problems()) printWarning(problem);
  if (options.verbose) {
    printEnvironment(program, cwd);
    std::cerr << "shrike: " << checker::stubSnapshotNote() << '\n';
  }
  phases.push_back({"python environment", secondsSince(phaseStart)});

  // Checking.
  phaseStart = Clock::now();
  bool showProgress = !options.quiet && isTerminal(stderr);
  double cpuBefore = processCpuSeconds();
  std::vector<checker::CheckedFile> checked =
      checkAll(program, discovered.files, settings.threads, showProgress);
  CheckingBreakdown breakdown{&program.phaseTimes(), processCpuSeconds() - cpuBefore,
                              threadsUsed(settings.threads, discovered.files.size())};
  for (const checker::CheckedFile& file : checked) {
    if (file.text || !file.diagnostics.empty()) continue;
    printError("cannot read " + displayPath(file.path, cwd) + ": " + file.readError);
    ++unusablePaths;
  }
  phases.push_back({"checking", secondsSince(phaseStart)});

  // Reporting.
  phaseStart = Clock::now();
  Report report = buildReport(checked, cwd);
  report.unusablePaths = unusablePaths;
  checked.clear();
  if (options.writeBaseline) {
    std::string error;
    if (!Baseline::write(*options.writeBaseline, report, error)) {
      printError(displayPath(*options.writeBaseline, cwd) + ": " + error);
      return ExitUsage;
    }
    if (!options.quiet)
      std::cerr << "Wrote " << report.diagnostics.size()
                << (report.diagnostics.size() == 1 ? " diagnostic" : " diagnostics")
                << " to the baseline " << *options.writeBaseline << " (checked "
                << report.files.size() << (report.files.size() == 1 ? " file)" : " files)") << '\n';
    return unusablePaths ? ExitUsage : ExitSuccess;
  }
  if (terminal.baseline) {
    std::string error;
    auto baseline = Baseline::load(*terminal.baseline, error);
    if (!baseline) {
      printError(displayPath(*terminal.baseline, cwd) + ": " + error);
      return ExitUsage;
    }
    baseline->apply(report);
  }
  FormatContext context{Style(colorOut), SHRIKE_VERSION, cwd};
  writeReport(format, report, std::cout, context);
  std::cout.flush();
  phases.push_back({"reporting", secondsSince(phaseStart)});

  if (!options.quiet) std::cerr << summaryLine(report, secondsSince(start), errStyle) << '\n';
  if (options.statistics) writeStatistics(report, phases, breakdown, std::cerr);

  // The engine caught a failure of its own on some file: the rest was checked, but the
  // run is not to be trusted, and the failure is worth a bug report.
  bool internalError =
      std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                  [](const ReportDiagnostic& d) { return d.rule == checker::Rule::InternalError; });
  if (internalError) {
    std::cerr
        << "shrike: internal error while checking (see the internal-error diagnostics above)\n"
        << bugReportRequest();
    return ExitInternal;
  }
  if (unusablePaths) return ExitUsage;
  if (terminal.exitZero.value_or(false)) return ExitSuccess;
  size_t errors = report.count(checker::Severity::Error);
  size_t warnings = report.count(checker::Severity::Warning);
  if (errors > 0 || (terminal.errorOnWarning.value_or(false) && warnings > 0))
    return ExitDiagnostics;
  return ExitSuccess;
}

} // namespace shrike::cli

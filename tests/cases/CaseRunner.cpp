// CaseRunner: runs markdown case files (tests/cases/**/*.md) against the checker. Each case's
// files live in memory as Program overlays under a folder that does not exist on disk;
// typeshed is loaded once per worker thread and target version, and shared by its cases.
//
//     shrike_case_runner [--jobs N] [--filter TEXT] FILE.md...
//
// A case's files under `site-packages/` are the environment's installed packages (the
// interpreter's site-packages folder), so cases can exercise stub packages and py.typed.
//
// A case passes when every assertion meets a diagnostic and every diagnostic meets an
// assertion; an xfail case must fail (it is reported XFAIL; passing is XPASS, a failure).
#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>
#include <variant>

#include "checker/Program.h"
#include "checker/config/ConfigLoader.h"
#include "checker/resolve/Environment.h"
#include "checker/resolve/ModuleResolver.h"
#include "tests/cases/CaseFile.h"

namespace shrike::tests {

namespace {

using namespace checker;

const std::string caseRoot = "/shrike-case";
const std::string sitePackages = "site-packages";

struct CaseResult {
  enum Status { Pass, Fail, XFail, XPass } status = Pass;
  std::vector<std::string> problems;
};

std::string severityWord(Severity s) {
  switch (s) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Information: return "info";
  case Severity::Hint: return "hint";
  }
  return "?";
}

// One worker's Programs, one per target (version, platform), reused case after case.
class Worker {
public:
  CaseResult run(const Case& c) {
    CaseResult result;
    result.problems = c.errors;
    Settings settings;
    settings.projectRoot = caseRoot;
    if (!c.settings.empty()) {
      ConfigResult parsed = parseConfigText(c.settings, caseRoot + "/shrike.toml", false);
      if (auto* error = std::get_if<ConfigError>(&parsed)) {
        result.problems.push_back("settings: " + error->format("toml"));
      } else {
        settings = std::get<ProjectConfig>(parsed).settings;
        settings.projectRoot = caseRoot;
      }
    }
    settings.threads = 1;
    bool installs = std::any_of(c.files.begin(), c.files.end(), [](const CaseSourceFile& f) {
      return f.path.rfind(sitePackages + "/", 0) == 0;
    });
    Environment environment;
    if (installs) environment.sitePackages.push_back(caseRoot + "/" + sitePackages);
    std::string key = (settings.pythonVersion ? settings.pythonVersion->toString() : "default") +
                      "/" + settings.pythonPlatform.value_or("default") +
                      (installs ? "/installed" : "");
    auto& program = programs_[key];
    if (!program)
      program = std::make_unique<Program>(settings,
                                          std::make_shared<ModuleResolver>(settings, environment));
    program->clearOverlays();
    program->updateSettings(settings);

    // Every file is in the case's folder; only Python files are checked (py.typed is not).
    std::vector<std::string> paths;
    std::vector<const CaseSourceFile*> checkedFiles;
    for (const CaseSourceFile& f : c.files) {
      std::string path = caseRoot + "/" + f.path;
      program->setOverlay(path, std::make_shared<const parser::SourceText>(f.text));
      if (!f.path.ends_with(".py") && !f.path.ends_with(".pyi")) continue;
      paths.push_back(path);
      checkedFiles.push_back(&f);
    }
    std::vector<CheckedFile> checked = program->checkFiles(paths, 1);

    struct Actual {
      std::string file;
      uint32_t line;
      std::string severity;
      std::string rule;
      std::string message;
      bool matched = false;
    };
    std::vector<Actual> actual;
    for (size_t i = 0; i < checked.size(); ++i) {
      const CheckedFile& file = checked[i];
      for (const Diagnostic& d : file.diagnostics) {
        uint32_t line = file.text ? file.text->lineOf(d.range.start) + 1 : 0;
        actual.push_back({checkedFiles[i]->path, line, severityWord(d.severity),
                          std::string(ruleInfo(d.rule).code), d.message});
      }
    }
    static const std::string revealPrefix = "Revealed type: ";
    for (const CaseAssertion& a : c.assertions) {
      bool met = false;
      for (Actual& d : actual) {
        if (d.matched || d.file != a.file || d.line != a.line) continue;
        if (a.severity == "revealed") {
          if (d.rule != "reveal-type" || d.message != revealPrefix + a.text) continue;
        } else {
          if (d.rule != a.rule || d.severity != a.severity) continue;
          if (!a.text.empty() && d.message.find(a.text) == std::string::npos) continue;
        }
        d.matched = met = true;
        break;
      }
      if (met) continue;
      std::string expected = a.severity == "revealed"
                                 ? "revealed type `" + a.text + "`"
                                 : a.severity + "[" + a.rule + "]" +
                                       (a.text.empty() ? "" : " containing \"" + a.text + "\"");
      std::string got;
      for (const Actual& d : actual)
        if (d.file == a.file && d.line == a.line)
          got += "\n      on that line: " + d.severity + "[" + d.rule + "] " + d.message;
      result.problems.push_back(a.file + ":" + std::to_string(a.line) + ": expected " + expected +
                                ", not reported" + got);
    }
    for (const Actual& d : actual)
      if (!d.matched)
        result.problems.push_back(d.file + ":" + std::to_string(d.line) + ": unexpected " +
                                  d.severity + "[" + d.rule + "] " + d.message);
    runQueries(*program, c, result);
    bool failed = !result.problems.empty();
    if (c.xfail)
      result.status = failed ? CaseResult::XFail : CaseResult::XPass;
    else
      result.status = failed ? CaseResult::Fail : CaseResult::Pass;
    return result;
  }

private:
  // A path as case files write it: relative to the case, or from typeshed's stub folder.
  static std::string shownPath(const std::string& path) {
    if (path.rfind(caseRoot + "/", 0) == 0) return path.substr(caseRoot.size() + 1);
    if (size_t at = path.find("/stdlib/"); at != std::string::npos) return path.substr(at + 8);
    if (size_t at = path.find("/stubs/"); at != std::string::npos) {
      size_t dist = path.find('/', at + 7);
      if (dist != std::string::npos) return path.substr(dist + 1);
    }
    return path;
  }

  void runQueries(Program& program, const Case& c, CaseResult& result) {
    for (const CaseQuery& q : c.queries) {
      std::string where =
          q.file + ":" + std::to_string(q.line) + ":" + std::to_string(q.column + 1);
      auto module = program.module(caseRoot + "/" + q.file);
      if (!module) {
        result.problems.push_back(where + ": cannot read the file");
        continue;
      }
      uint32_t offset = module->text->lineStart(q.line - 1) + q.column;
      std::vector<ide::DeclarationRef> decls =
          program.declarationsAt(caseRoot + "/" + q.file, offset);
      std::vector<std::vector<std::string>> actual; // each answer's accepted spellings
      std::vector<std::string> shown;
      if (q.kind == "definition") {
        for (const ide::DeclarationRef& d : decls) {
          auto location = program.locationOf(d);
          if (!location) continue;
          auto m = program.graph().module(d.module);
          std::string path = shownPath(location->path);
          std::string name = ide::qualifiedName(program.graph(), d);
          uint32_t line = m && m->text ? m->text->lineOf(location->range.start) + 1 : 0;
          if (d.isModule())
            actual.push_back({path});
          else
            actual.push_back({path + " " + name, path + ":" + std::to_string(line)});
          shown.push_back(actual.back().front());
        }
      } else if (q.kind == "references") {
        std::vector<SourceLocation> all;
        for (const ide::DeclarationRef& d : decls)
          for (const SourceLocation& l : program.referencesTo(d)) all.push_back(l);
        std::sort(all.begin(), all.end(), [](const SourceLocation& a, const SourceLocation& b) {
          return a.path != b.path ? a.path < b.path : a.range.start < b.range.start;
        });
        all.erase(std::unique(all.begin(), all.end()), all.end());
        for (const SourceLocation& l : all) {
          auto m = program.graph().moduleForPath(l.path);
          uint32_t line = m && m->text ? m->text->lineOf(l.range.start) + 1 : 0;
          actual.push_back({shownPath(l.path) + ":" + std::to_string(line)});
          shown.push_back(actual.back().front());
        }
      } else {
        result.problems.push_back(where + ": unknown query '" + q.kind + "'");
        continue;
      }
      std::vector<bool> used(actual.size(), false);
      bool ok = true;
      for (const std::string& e : q.expected) {
        bool met = false;
        for (size_t i = 0; i < actual.size() && !met; ++i) {
          if (used[i]) continue;
          for (const std::string& spelling : actual[i])
            if (spelling == e) met = used[i] = true;
        }
        ok &= met;
      }
      for (bool u : used) ok &= u;
      if (ok) continue;
      std::string expected, got;
      for (const std::string& e : q.expected) expected += (expected.empty() ? "" : ", ") + e;
      for (const std::string& s : shown) got += (got.empty() ? "" : ", ") + s;
      result.problems.push_back(where + ": " + q.kind + ": expected [" + expected + "], got [" +
                                got + "]");
    }
  }

  std::map<std::string, std::unique_ptr<Program>> programs_;
};

struct Job {
  std::string file;
  const Case* c;
  CaseResult result;
};

int runAll(const std::vector<std::string>& files, unsigned jobs, const std::string& filter) {
  std::vector<std::pair<std::string, std::vector<Case>>> parsed;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << file << ": cannot read\n";
      return 2;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    parsed.push_back({file, parseCaseFile(buffer.str())});
  }
  std::vector<Job> work;
  for (const auto& [file, cases] : parsed)
    for (const Case& c : cases)
      if (filter.empty() || c.name.find(filter) != std::string::npos)
        work.push_back(Job{file, &c, {}});

  std::atomic<size_t> next{0};
  auto loop = [&] {
    Worker worker;
    for (size_t i = next++; i < work.size(); i = next++) {
      try {
        work[i].result = worker.run(*work[i].c);
      } catch (const std::exception& e) {
        work[i].result.status = CaseResult::Fail;
        work[i].result.problems.push_back(std::string("internal error: ") + e.what());
      }
    }
  };
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(work.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(loop);
  loop();
  for (auto& t : pool) t.join();

  size_t passed = 0, failed = 0, xfailed = 0, xpassed = 0;
  for (const Job& job : work) {
    const Case& c = *job.c;
    std::string where = job.file + ":" + std::to_string(c.line) + " \"" + c.name + "\"";
    switch (job.result.status) {
    case CaseResult::Pass: ++passed; break;
    case CaseResult::XFail:
      ++xfailed;
      std::cout << "XFAIL " << where << (c.xfailReason.empty() ? "" : " (" + c.xfailReason + ")")
                << "\n";
      break;
    case CaseResult::XPass:
      ++xpassed;
      std::cout << "XPASS " << where << ": marked xfail (" << c.xfailReason
                << ") but passes; remove the xfail line\n";
      break;
    case CaseResult::Fail:
      ++failed;
      std::cout << "FAIL  " << where << "\n";
      for (const std::string& p : job.result.problems) std::cout << "      " << p << "\n";
      break;
    }
  }
  std::cout << passed << " passed, " << failed << " failed, " << xfailed << " xfail, " << xpassed
            << " xpass\n";
  return failed || xpassed ? 1 : 0;
}

} // namespace

} // namespace shrike::tests

int main(int argc, char** argv) {
  std::vector<std::string> files;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string filter;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--jobs" && i + 1 < argc)
      jobs = static_cast<unsigned>(std::stoul(argv[++i]));
    else if (arg == "--filter" && i + 1 < argc)
      filter = argv[++i];
    else
      files.push_back(arg);
  }
  if (files.empty()) {
    std::cerr << "usage: shrike_case_runner [--jobs N] [--filter TEXT] FILE.md...\n";
    return 2;
  }
  return shrike::tests::runAll(files, jobs, filter);
}

// CheckFuzzer (target `check`): arbitrary bytes as one Python file through everything a check
// runs — decode, parse, lower, bind, resolve imports, infer and check — in one Program that
// keeps typeshed loaded across inputs, as the server keeps it across keystrokes.
//
// Beyond not crashing, a check must hand the front ends diagnostics they can show: ranges
// inside the text, sorted, and never `internal-error`.
#include <memory>
#include <string>

#include "checker/Program.h"
#include "checker/resolve/Environment.h"
#include "checker/resolve/ModuleResolver.h"
#include "tests/fuzz/FuzzTarget.h"

namespace {

using namespace shrike;

// A folder that does not exist on disk: the input is an in-memory file, importable as `input`.
const std::string fuzzRoot = "/shrike-fuzz";
const std::string inputPath = fuzzRoot + "/input.py";

checker::Program& program() {
  // No interpreter is asked (no site-packages): the run depends on typeshed alone.
  static checker::Program* shared = [] {
    checker::Settings settings;
    settings.projectRoot = fuzzRoot;
    settings.threads = 1;
    auto resolver = std::make_shared<checker::ModuleResolver>(settings, checker::Environment{});
    return new checker::Program(settings, std::move(resolver));
  }();
  return *shared;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using fuzz::require;
  auto text = std::make_shared<const parser::SourceText>(
      std::string(reinterpret_cast<const char*>(data), size));
  program().setOverlay(inputPath, text);
  checker::CheckedFile checked = program().checkFile(inputPath);
  require(checked.text != nullptr, "the in-memory file could not be read");
  uint32_t previous = 0;
  for (const checker::Diagnostic& d : checked.diagnostics) {
    require(d.range.start <= d.range.end && d.range.end <= checked.text->size(),
            "a diagnostic range outside the text");
    require(d.range.start >= previous, "diagnostics out of order");
    previous = d.range.start;
    require(d.rule != checker::Rule::InternalError, "an internal-error diagnostic");
    for (const checker::DiagnosticNote& note : d.notes)
      if (note.path.empty() || note.path == inputPath)
        require(note.range.start <= note.range.end && note.range.end <= checked.text->size(),
                "a note range outside the text");
  }
  return 0;
}

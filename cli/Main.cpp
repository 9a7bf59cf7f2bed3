// Main: the `shrike` executable's entry point; everything else lives in cli/ and below.
#include "cli/App.h"

int main(int argc, char** argv) {
  return shrike::cli::runApp(argc, argv);
}

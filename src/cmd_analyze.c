/* placeholder: analyze, batch and fleet land with the diagnosis. */
#include "config.h"
#include "cli.h"
int cmd_analyze(int argc, char **argv) { (void)argc; (void)argv; return TL_EXIT_USAGE; }
int cmd_batch(int argc, char **argv) { (void)argc; (void)argv; return TL_EXIT_USAGE; }
int cmd_fleet(int argc, char **argv) { (void)argc; (void)argv; return TL_EXIT_USAGE; }

/* Placeholder until the secedit parser lands. */
#include "config.h"
#include "parser.h"

static int
secedit_probe(const uint8_t *buf, size_t len)
{
	(void)buf; (void)len;
	return 0;
}

static int
secedit_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	(void)sink;
	return tl_error_set(err, TL_ERR_UNSUPPORTED, in->path, "not yet");
}

const struct parser secedit_parser = {
	.name = "secedit",
	.kind = INPUT_SECEDIT,
	.probe = secedit_probe,
	.parse = secedit_parse,
};

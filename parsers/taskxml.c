/* Placeholder until the taskxml parser lands. */
#include "config.h"
#include "parser.h"

static int
taskxml_probe(const uint8_t *buf, size_t len)
{
	(void)buf; (void)len;
	return 0;
}

static int
taskxml_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	(void)sink;
	return tl_error_set(err, TL_ERR_UNSUPPORTED, in->path, "not yet");
}

const struct parser taskxml_parser = {
	.name = "taskxml",
	.kind = INPUT_TASKXML,
	.probe = taskxml_probe,
	.parse = taskxml_parse,
};

"""Python's own libraries and small image libraries: command-line flags (argparse, absl, click: see
kerlint/ir/flags.py), `functools.partial`, and image file reads (`cv2.imread`, `PIL.Image.open`, ...).
"""

from __future__ import annotations

from kerlint.ir import flags
from kerlint.ir import keras_api as api
from kerlint.ir.handlers.registry import handles, handles_method
from kerlint.ir.values import ArgParser, Partial


@handles(family="other", when=lambda site: True)
def command_line_flags(ex, args, kwargs, node, call):
    value = flags.call(ex, call.path, call.last, args, kwargs, node)
    return NotImplemented if value is flags.NOT_A_FLAG else value


@handles_method(ArgParser)
def parser_method(ex, parser, name, args, kwargs, node, arg_nodes):
    return flags.parser_method(parser, name, args, kwargs)


@handles("functools.partial")
def partial(ex, args, kwargs, node, call):
    if not args:
        return NotImplemented
    return Partial(args[0], list(args[1:]), dict(kwargs))


@handles(*sorted(rest for kind, rest in api.IMAGE_READ_CALLS if kind == "other"),
         family="other", when=lambda site: site.path.endswith(("cv2.imread", "Image.open")))
def read_image(ex, args, kwargs, node, call):
    return ex.new_data("image_files", node, image_like=True, raw_range=(0, 255), role="inputs")

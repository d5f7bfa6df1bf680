"""KL508 tf1-graph-api: TensorFlow 1 graph-mode APIs that TF 2 removed from `tf.` (tf.Session, tf.placeholder,
tf.train.AdamOptimizer, K.get_session(), ...).

Not reported when the target is Keras 2.2 or older (the TF 1 era). No fix: the code needs rewriting for eager
TF 2 (tf.compat.v1 keeps the names, but not Keras 3 on top of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import at_least, uses
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.keras_api import canonical
from kerlint.ir.model import FileIR

_TF1_ADVICE = {
    "Session": "no sessions: call the model or tf.function directly",
    "InteractiveSession": "no sessions: call the model or tf.function directly",
    "placeholder": "use keras.Input or plain tensors",
    "global_variables_initializer": "variables are initialised when created",
    "AdamOptimizer": "keras.optimizers.Adam", "GradientDescentOptimizer": "keras.optimizers.SGD",
    "MomentumOptimizer": "keras.optimizers.SGD(momentum=...)", "RMSPropOptimizer": "keras.optimizers.RMSprop",
    "AdagradOptimizer": "keras.optimizers.Adagrad", "set_random_seed": "tf.random.set_seed",
    "random_normal": "tf.random.normal", "truncated_normal": "tf.random.truncated_normal",
    "random_uniform": "tf.random.uniform", "log": "tf.math.log", "to_float": "tf.cast(x, tf.float32)",
    "to_int32": "tf.cast(x, tf.int32)", "get_session": "no sessions in TF 2", "set_session": "no sessions in TF 2",
    "set_image_dim_ordering": 'keras.backend.set_image_data_format("channels_first" / "channels_last")',
    "image_dim_ordering": "keras.backend.image_data_format() (which returns channels_first / channels_last)",
}


@dataclass(frozen=True, eq=False)
class Tf1Api(Diagnosis):
    """The attribute or imported name of a TF 1 API; `path` is its resolved dotted path."""

    node: cst.CSTNode
    path: str

    @property
    def message(self) -> str:
        family, name = canonical(self.path)
        path = f"tf.{name}" if family == "tf" else f"keras.{name}"
        return (f"{path} is TensorFlow 1 graph-mode API, gone in TF 2 (AttributeError): rewrite it for eager "
                f"TF 2 / Keras 3 ({_TF1_ADVICE.get(name.rsplit('.', 1)[-1], 'see the TF 2 migration guide')})")


@rule("KL508", scope="file", diagnoses=(Tf1Api,))
def tf1_graph_api(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    if not at_least(opts, 2, 3):
        return
    for use in uses(file, "tf1-api"):
        yield Tf1Api(use.node, use.detail["path"])

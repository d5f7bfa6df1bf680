"""KL502 image-data-generator: `ImageDataGenerator(...)`, deprecated (and slow).

Keras 3 keeps it only under `tf.keras.preprocessing.image` (importing it from the standalone
`keras.preprocessing.image`, which fails on Keras 3, is KL505). No automatic fix: the replacement
(`keras.utils.image_dataset_from_directory` and preprocessing layers) is a rewrite of the input pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import at_least, uses
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import FileIR


@dataclass(frozen=True, eq=False)
class ImageDataGeneratorCall(Diagnosis):
    """The `ImageDataGenerator(...)` call."""

    node: cst.CSTNode
    keras3: bool

    @property
    def message(self) -> str:
        where = " (Keras 3 keeps it only under tf.keras.preprocessing.image)" if self.keras3 else ""
        return (f"ImageDataGenerator is deprecated{where} (and slow): load images with "
                "keras.utils.image_dataset_from_directory and augment with preprocessing layers "
                "(layers.RandomFlip, RandomRotation, …) in the model or a tf.data map")


@rule("KL502", scope="file", diagnoses=(ImageDataGeneratorCall,))
def deprecated_image_data_generator(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    keras3 = at_least(opts, 3)
    for use in uses(file, "image-data-generator"):
        yield ImageDataGeneratorCall(use.node, keras3)

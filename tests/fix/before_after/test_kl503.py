from tests.fix.before_after.codemod import assert_fix

SEQ = """
from tensorflow import keras
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
"""


def test_fit_generator_positionals_become_keywords():
    assert_fix("KL503",
               before=SEQ + "model.fit_generator(gen, 100, 5, verbose=0)\n",
               after=SEQ + "model.fit(gen, steps_per_epoch=100, epochs=5, verbose=0)\n",
               title="Call `fit()` instead of `fit_generator()`")


def test_keras1_keywords_are_renamed():
    assert_fix("KL503",
               before=SEQ + "model.fit_generator(generator=gen, nb_epoch=5, steps_per_epoch=10)\n",
               after=SEQ + "model.fit(x=gen, epochs=5, steps_per_epoch=10)\n")


def test_evaluate_and_predict_generator():
    assert_fix("KL503",
               before=SEQ + "model.evaluate_generator(gen, 10)\nmodel.predict_generator(gen, steps=3)\n",
               after=SEQ + "model.evaluate(gen, steps=10)\nmodel.predict(gen, steps=3)\n")


def test_no_fix_when_a_keyword_counts_samples():
    assert_fix("KL503", before=SEQ + "model.fit_generator(gen, samples_per_epoch=1000, nb_epoch=5)\n", after=None)

"""Behaviour of the training-loop rules KL301 KL302 KL305-KL309: import styles, model styles, Keras 2 spellings,
boundaries, and silence on what kerlint cannot know."""

import textwrap

import libcst as cst
import pytest

from kerlint.catalogue import default_options
from kerlint.checks import CHECKS
from kerlint.config import Settings
from kerlint.engine import lint_text
from kerlint.ir import extract


def codes(src, **options):
    settings = Settings()
    settings.options.update(options)
    return [v.code for v in lint_text(textwrap.dedent(src), settings=settings)]


def findings(code, src):
    """The rule's raw diagnoses (typed values with their node and message)."""
    src = textwrap.dedent(src)
    module = cst.parse_module(src)
    file_ir = extract(module, src)
    check = CHECKS[code]
    targets = [file_ir] if check.scope == "file" else file_ir.models
    return module, [f for target in targets for f in check.func(target, default_options())]


def rows(code, src):
    return [v.location.row for v in lint_text(textwrap.dedent(src)) if v.code == code]


MODEL = """
from tensorflow import keras
model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)), keras.layers.Dense(10, activation="softmax")])
"""

# --- KL301 / KL302 ---------------------------------------------------------------------------------

# KL301 needs a model with a hidden nonlinearity: a one-layer (convex) model tolerates large adaptive rates
DEEP = """
from tensorflow import keras
model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)), keras.layers.Dense(64, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
"""


@pytest.mark.parametrize("optimizer", [
    "keras.optimizers.Adam(learning_rate=0.02)",
    "keras.optimizers.Adam(0.02)",                 # positional
    "keras.optimizers.Adam(lr=0.02)",              # Keras 2 spelling, understood
    "keras.optimizers.Adam(learning_rate=LR)",     # through a constant
    "keras.optimizers.RMSprop(learning_rate=0.012)",
    "keras.optimizers.SGD(learning_rate=0.4)",
])
def test_kl301_fires_on_high_literal_rates_whatever_the_spelling(optimizer):
    src = DEEP + f"LR = 0.02\nmodel.compile(optimizer={optimizer}, loss='sparse_categorical_crossentropy')\n"
    assert "KL301" in codes(src)


@pytest.mark.parametrize("optimizer", [
    "keras.optimizers.Adam(learning_rate=0.01)",  # the threshold itself
    "keras.optimizers.SGD(learning_rate=0.3, momentum=0.9)",
    "keras.optimizers.Adagrad(learning_rate=0.05)",  # customary rates differ by design
    "keras.optimizers.Adam(learning_rate=args.lr)",  # unknown
    "keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(0.1, 1000, 0.9))",
    "'adam'",
])
def test_kl301_silent_at_threshold_on_schedules_and_unknown(optimizer):
    src = DEEP + f"model.compile(optimizer={optimizer}, loss='sparse_categorical_crossentropy')\n"
    assert "KL301" not in codes(src)


def test_kl301_threshold_is_an_option():
    src = DEEP + "model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003), loss='mse')\n"
    assert "KL301" not in codes(src)
    assert "KL301" in codes(src, **{"lr-max-adaptive": 0.002})


def test_kl301_points_at_the_learning_rate_argument():
    src = DEEP + "opt = keras.optimizers.Adam(\n    learning_rate=0.02)\nmodel.compile(optimizer=opt, loss='mse')\n"
    assert rows("KL301", src) == [6]


@pytest.mark.parametrize("optimizer,fires", [
    ("keras.optimizers.Adam(0.1)", False),   # logistic regression: convex, Adam's step is bounded by its rate
    ("keras.optimizers.Adam(0.5)", True),    # but not beyond ten times the usual ceiling
    ("keras.optimizers.SGD(3.0)", True),     # SGD's step is not bounded: a one-layer model can still diverge
])
def test_kl301_one_layer_model_tolerates_adaptive_rates(optimizer, fires):
    src = MODEL + f"model.compile(optimizer={optimizer}, loss='sparse_categorical_crossentropy')\n"
    assert ("KL301" in codes(src)) is fires


@pytest.mark.parametrize("layers,fires", [
    ("keras.layers.Dense(2, input_shape=(3,)), keras.layers.Dense(3)", False),  # 17 weights: a small linear model
    ("keras.layers.Dense(50, input_shape=(9216,)), keras.layers.Dense(30)", True),  # linear but 460k weights
    ("keras.layers.Dense(2), keras.layers.Dense(3)", True),  # input width unknown: size unknown, not exempt
    ("keras.layers.Dense(2, activation='relu', input_shape=(3,)), keras.layers.Dense(3)", True),  # not linear
])
def test_kl301_small_linear_stack(layers, fires):
    src = f"""
    from tensorflow import keras
    model = keras.Sequential([{layers}])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1.5), loss="mse")
    """
    assert ("KL301" in codes(src)) is fires


def test_kl301_and_kl302_silent_on_each_rate_of_a_sweep_but_not_after_it():
    sweep = DEEP + """
for lr in [1e-7, 1e-3, 1e-1]:
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr), loss="sparse_categorical_crossentropy")
"""
    assert not {"KL301", "KL302"} & set(codes(sweep))
    # a loop over integers is no sweep: range(3) does not excuse a rate of 1
    no_sweep = DEEP + """
for run in range(3):
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1), loss="sparse_categorical_crossentropy")
"""
    assert "KL301" in codes(no_sweep)


def test_kl301_on_functional_and_subclassed_models():
    functional = """
    import tensorflow as tf
    inputs = tf.keras.Input(shape=(8,))
    outputs = tf.keras.layers.Dense(1)(tf.keras.layers.Dense(16, activation="relu")(inputs))
    model = tf.keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=tf.keras.optimizers.Nadam(0.05), loss="mse")
    """
    subclassed = """
    from tensorflow.keras import Model, layers
    from tensorflow.keras.optimizers import Adam as A

    class Net(Model):
        def __init__(self):
            super().__init__()
            self.h = layers.Dense(16, activation="relu")
            self.d = layers.Dense(1)

        def call(self, x):
            return self.d(self.h(x))

    net = Net()
    net.compile(A(learning_rate=0.03), "mse")
    """
    assert "KL301" in codes(functional)
    assert "KL301" in codes(subclassed)


def test_kl301_tf1_train_optimizer_is_judged_by_its_name():
    src = DEEP + "import tensorflow as tf\nmodel.compile(optimizer=tf.train.AdamOptimizer(0.05), loss='mse')\n"
    assert "KL301" in codes(src)


@pytest.mark.parametrize("rate,fires", [("1e-7", True), ("0.0", True), ("1e-6", False), ("2e-5", False)])
def test_kl302_boundary(rate, fires):
    src = MODEL + f"model.compile(optimizer=keras.optimizers.SGD(learning_rate={rate}), loss='mse')\n"
    assert ("KL302" in codes(src)) is fires


def test_kl302_zero_rate_says_the_weights_never_move():
    _, found = findings("KL302", MODEL + "model.compile(optimizer=keras.optimizers.Adam(0), loss='mse')\n")
    assert len(found) == 1 and "never" in found[0].message


# --- KL305 ---------------------------------------------------------------------------------------------

SCHEDULE = """
import tensorflow as tf
from tensorflow import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)), keras.layers.Dense(10, activation="softmax")])
schedule = {schedule}
model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule), loss="sparse_categorical_crossentropy")
{fit}
"""
FIT10 = "model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))"  # 10 × 1875 = 18750 steps


@pytest.mark.parametrize("schedule,fit,fires", [
    # seed 001: decay_steps=100000 over 10 epochs of MNIST at the default batch size 32
    ("keras.optimizers.schedules.ExponentialDecay(0.001, decay_steps=100000, decay_rate=0.96, staircase=True)",
     FIT10, True),
    # continuous decay: 0.96 ** (18750 / 100000) ≈ 0.99 of the initial rate at the end
    ("keras.optimizers.schedules.ExponentialDecay(0.001, 100000, 0.96)", FIT10, True),
    # decay_steps barely above the run, but decay_rate 0.1: the rate ends near 12% — it decays
    ("keras.optimizers.schedules.ExponentialDecay(0.001, 20000, 0.1)", FIT10, False),
    # batch_size=256: 235 steps/epoch, 2350 steps < 3000
    ("keras.optimizers.schedules.ExponentialDecay(0.001, 3000, 0.5, staircase=True)",
     "model.fit(x_train, y_train, batch_size=256, epochs=10, validation_split=0.1)", True),
    # steps_per_epoch given: 10 × 20000 = 200000 steps, beyond decay_steps
    ("keras.optimizers.schedules.ExponentialDecay(0.001, 100000, 0.96, staircase=True)",
     "model.fit(x_train, y_train, epochs=10, steps_per_epoch=20000)", False),
    ("keras.optimizers.schedules.PolynomialDecay(0.01, decay_steps=500000)", FIT10, True),
    ("keras.optimizers.schedules.CosineDecay(0.01, decay_steps=20000)", FIT10, False),
    # unknown loop: the fit may run any number of times
    ("keras.optimizers.schedules.ExponentialDecay(0.001, 100000, 0.96, staircase=True)",
     "while not done:\n    " + FIT10, False),
    # unknown data size
    ("keras.optimizers.schedules.ExponentialDecay(0.001, 100000, 0.96, staircase=True)",
     "model.fit(np.load('x.npy'), y_train, epochs=10)", False),
    ("keras.optimizers.schedules.ExponentialDecay(0.001, decay_steps=STEPS, decay_rate=0.96)", FIT10, False),
])
def test_kl305_step_counts(schedule, fit, fires):
    assert ("KL305" in codes(SCHEDULE.format(schedule=schedule, fit=fit))) is fires


def test_kl305_dataset_batch_size_and_message():
    src = """
    import tensorflow as tf
    (x, y), _ = tf.keras.datasets.cifar10.load_data()
    ds = tf.data.Dataset.from_tensor_slices((x / 255.0, y)).shuffle(1000).batch(100)
    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(32, 32, 3)), tf.keras.layers.Dense(10)])
    sched = tf.keras.optimizers.schedules.InverseTimeDecay(0.01, decay_steps=10000, decay_rate=1.0, staircase=True)
    model.compile(tf.keras.optimizers.SGD(sched), tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(ds, epochs=15)
    """
    _, found = findings("KL305", src)
    assert len(found) == 1
    assert "7500 steps" in found[0].message  # 15 epochs × 500 batches
    assert found[0].training_steps == 7500


def test_kl305_a_shared_optimizer_counts_the_steps_of_every_model():
    src = """
    from tensorflow import keras
    (x, y), _ = keras.datasets.mnist.load_data()
    sched = keras.optimizers.schedules.ExponentialDecay(1e-3, 30000, 0.5, staircase=True)
    opt = keras.optimizers.Adam(sched)

    def build():
        return keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)), keras.layers.Dense(10)])

    a, b = build(), build()
    a.compile(opt, "mse")
    b.compile(opt, "mse")
    a.fit(x / 255.0, y, epochs=10)
    {second}
    """
    assert "KL305" in codes(src.format(second=""))  # 18750 steps < 30000
    assert "KL305" not in codes(src.format(second="b.fit(x / 255.0, y, epochs=10)"))  # 37500 steps


# --- KL306 ---------------------------------------------------------------------------------------------

SEED001_EXAMPLE1 = """
import tensorflow as tf
from tensorflow import keras
model = keras.Sequential([keras.layers.Dense(10, activation="softmax", input_shape=(64,))])
optimizer_high_lr = keras.optimizers.Adam(learning_rate=0.005)
initial_learning_rate = 0.001
lr_schedule = tf.keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate,
    decay_steps=100000,
    decay_rate=0.96,
    staircase=True)
optimizer_low_lr = keras.optimizers.Adam(learning_rate=lr_schedule)
model.compile(optimizer=optimizer_high_lr, loss='categorical_crossentropy', metrics=['accuracy'])
history_high_lr = model.fit(train_dataset, epochs=10, validation_data=val_dataset)
model.compile(optimizer=optimizer_low_lr, loss='categorical_crossentropy', metrics=['accuracy'])
history_low_lr = model.fit(train_dataset, epochs=10, validation_data=val_dataset)
_, accuracy_high = model.evaluate(test_dataset, verbose=0)
_, accuracy_low = model.evaluate(test_dataset, verbose=0)
"""


def test_kl306_seed_001_example_1_points_at_the_second_compile():
    assert rows("KL306", SEED001_EXAMPLE1) == [15]
    _, found = findings("KL306", SEED001_EXAMPLE1)
    reused = found[0]
    assert reused.first_fit.epochs == 10 and reused.second_fit is not reused.first_fit


def test_kl306_subclassed_model_in_a_helper():
    src = """
    import tensorflow as tf

    class Net(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.d = tf.keras.layers.Dense(1)

        def call(self, x):
            return self.d(x)

    def run(model, optimizer):
        model.compile(optimizer=optimizer, loss="mse")
        return model.fit(x, y, epochs=5, validation_split=0.2)

    net = Net()
    run(net, "adam")
    run(net, "sgd")
    """
    assert "KL306" in codes(src)


@pytest.mark.parametrize("events", [
    "model.compile('adam', 'mse')\nmodel.compile('sgd', 'mse')\nmodel.fit(x, y, epochs=5)",  # never trained first
    "model.compile('adam', 'mse')\nmodel.fit(x, y, epochs=5)\nmodel.fit(x, y, epochs=5)",  # more epochs, same setup
    "model.compile('adam', 'mse')\nmodel.fit(x, y, epochs=5)\nmodel.compile('sgd', 'mse')",  # no second run
    "model.load_weights('w.h5')\nmodel.compile('adam', 'mse')\nmodel.fit(x, y)\nmodel.compile('sgd', 'mse')\n"
    "model.fit(x, y)",  # weights from a file: fine-tuning
])
def test_kl306_silent_cases(events):
    assert "KL306" not in codes(MODEL + events + "\n")


def test_kl306_fresh_model_per_experiment_is_silent():
    src = """
    from tensorflow import keras

    def make():
        return keras.Sequential([keras.layers.Dense(1, input_shape=(4,))])

    for opt in ["adam", "sgd"]:
        m = make()
        m.compile(optimizer=opt, loss="mse")
        m.fit(x, y, epochs=10)
    """
    assert "KL306" not in codes(src)


# --- KL307 ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("call,fires", [
    ("model.fit(X, Y, epochs=5, validation_data=(X, Y))", True),
    ("model.fit(x=X, y=Y, epochs=5, validation_data=[X, Y])", True),
    ("model.fit(X[:800], Y[:800], epochs=5, validation_data=(X[:800], Y[:800]))", True),
    ("model.fit(X[:800], Y[:800], epochs=5, validation_data=(X[800:], Y[800:]))", False),
    ("model.fit(X, Y, epochs=5, validation_data=(X_val, Y_val))", False),
    ("model.fit(load(), Y, epochs=5, validation_data=(load(), Y))", False),  # calls: may differ
    ("model.fit(X, Y, epochs=5, validation_split=0.2)", False),
])
def test_kl307_same_expression_in_one_call(call, fires):
    assert ("KL307" in codes(MODEL + call + "\n")) is fires


def test_kl307_same_object_under_another_name():
    src = """
    import tensorflow as tf
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
    x_val, y_val = x_train, y_train
    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10)])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x_train / 255.0, y_train, epochs=3, validation_data=(x_val, y_val))
    """
    # x_train / 255.0 is new data, x_val the raw x_train: not the same values, so no KL307 (KL403-like, not this)
    assert "KL307" not in codes(src)
    assert "KL307" in codes(src.replace("x_train / 255.0", "x_train"))


def test_kl307_evaluate_training_data_only_when_presented_as_test():
    src = MODEL + """(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train / 255.0
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=5, validation_split=0.1)
{line}
"""
    assert "KL307" in codes(src.format(line="x_test = x_train\nmodel.evaluate(x_test, y_test)"))
    assert "KL307" not in codes(src.format(line="model.evaluate(x_train, y_train)"))  # training accuracy
    assert "KL307" not in codes(src.format(line="model.evaluate(x_test / 255.0, y_test)"))


# --- KL308 ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("call,fires", [
    ("model.fit(x, y, epochs=50)", True),
    ("model.fit(x, y, epochs=49)", False),
    ("model.fit(x, y, nb_epoch=300)", True),  # Keras 1 spelling
    ("model.fit(x, y, epochs=100, callbacks=[keras.callbacks.ReduceLROnPlateau()])", False),
    ("model.fit(x, y, epochs=100, callbacks=[keras.callbacks.ModelCheckpoint('best.keras')])", False),
    ("model.fit(x, y, epochs=100, callbacks=[keras.callbacks.CSVLogger('log.csv')])", True),
    ("model.fit(x, y, epochs=100, callbacks=callbacks_from_config)", False),  # unknown list
    ("model.fit(x, y, epochs=EPOCHS)", False),
])
def test_kl308(call, fires):
    assert ("KL308" in codes(MODEL + "model.compile('adam', 'mse')\n" + call + "\n")) is fires


def test_kl308_threshold_option():
    src = MODEL + "model.compile('adam', 'mse')\nmodel.fit(x, y, epochs=30)\n"
    assert "KL308" in codes(src, **{"early-stopping-min-epochs": 30})


# --- KL309 ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("calls,fires", [
    ("model.fit(x, y)", True),
    ("model.fit(x, y, epochs=2)", True),
    ("model.fit(x, y, epochs=3)", False),
    ("model.fit(x, y, nb_epoch=1)", True),
    ("model.fit(x, y, epochs=1)\nmodel.fit(x, y, epochs=1)", True),    # two epochs in total
    ("for _ in range(5):\n    model.fit(x, y, epochs=1)", False),      # five epochs in total
    ("for batch in loader:\n    model.fit(batch, epochs=1)", False),   # unknown count
    ("model.fit(x, y, epochs=12, initial_epoch=10)", True),             # two more epochs
    ("model.fit(ds.repeat(), epochs=1, steps_per_epoch=50000)", False),
    ("model.fit(x, y, epochs=n_epochs)", False),
])
def test_kl309(calls, fires):
    assert ("KL309" in codes(MODEL + "model.compile('adam', 'mse')\n" + calls + "\n")) is fires


def test_kl309_silent_on_pretrained_and_incomplete_models():
    pretrained = """
    from tensorflow import keras
    base = keras.applications.ResNet50(weights="imagenet", include_top=False, pooling="avg")
    model = keras.Sequential([base, keras.layers.Dense(3, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(train_ds, epochs=1)
    """
    hub = """
    import tensorflow_hub as hub
    from tensorflow import keras
    model = keras.Sequential([hub.KerasLayer("https://tfhub.dev/some/model/5"), keras.layers.Dense(2)])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(train_ds, epochs=1)
    """
    functional_from_scratch = """
    from tensorflow import keras
    inputs = keras.Input(shape=(10,))
    outputs = keras.layers.Dense(1)(inputs)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "mse")
    model.fit(x, y)
    """
    assert "KL309" not in codes(pretrained)
    assert "KL309" not in codes(hub)
    assert "KL309" in codes(functional_from_scratch)


def test_kl306_recompile_with_the_same_settings_is_silent():
    # active learning: re-compile to reset the optimizer state, keep training on more data
    src = MODEL + ("model.compile(optimizer='rmsprop', loss='binary_crossentropy')\nmodel.fit(ds1, epochs=5)\n"
                   "model.compile(optimizer='rmsprop', loss='binary_crossentropy')\nmodel.fit(ds1, epochs=5)\n")
    assert "KL306" not in codes(src)
    # a different optimizer for the same training run: the comparison this rule is about
    assert "KL306" in codes(src.replace("optimizer='rmsprop'", "optimizer='adam'", 1))


@pytest.mark.parametrize("second_run,fires", [
    ("model.fit(x_train, y_train, epochs=5, validation_split=0.1)", True),      # same protocol: a comparison
    ("model.fit(x_train, y_train, epochs=3, validation_split=0.1)", False),     # a short final phase
    ("model.fit(x_more, y_more, epochs=5, validation_split=0.1)", False),       # new data: continued training
    ("model.fit(x_train, y_train, epochs=3, validation_split=0.1)\n"
     "a = model.evaluate(x_test, y_test)\nb = model.evaluate(x_test, y_test)", True),  # two scores of one model
])
def test_kl306_needs_the_same_protocol_or_repeated_scoring(second_run, fires):
    src = MODEL + """(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=5, validation_split=0.1)
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy")
""" + second_run + "\n"
    assert ("KL306" in codes(src)) is fires


def test_kl306_custom_optimizer_against_a_known_one():
    # keras-io gradient_centralization.py: one model trained with RMSprop, then with a custom GC optimizer
    src = MODEL + """
class GCRMSprop(keras.optimizers.RMSprop):
    pass

optimizer = GCRMSprop(learning_rate=1e-4)
model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=1e-4))
history_no_gc = model.fit(train_ds, epochs=10)
model.compile(loss="binary_crossentropy", optimizer=optimizer)
history_gc = model.fit(train_ds, epochs=10)
"""
    assert "KL306" in codes(src)


def test_kl306_application_used_through_input_tensor_and_output_is_pretrained():
    # keras-io sample_size_estimate.py / efficientnet fine-tuning: base(input_tensor=x), then base.output
    src = """
    from tensorflow import keras
    from tensorflow.keras import layers
    inputs = layers.Input(shape=(224, 224, 3))
    x = layers.Rescaling(1.0 / 127.5, offset=-1)(inputs)
    base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_tensor=x)
    base.trainable = False
    x = layers.GlobalAveragePooling2D()(base.output)
    model = keras.Model(inputs, layers.Dense(5, activation="softmax")(x))
    model.compile(keras.optimizers.Adam(1e-3), "categorical_crossentropy")
    model.fit(train_ds, epochs=10, validation_data=val_ds)
    model.compile(keras.optimizers.Adam(1e-5), "categorical_crossentropy")
    model.fit(train_ds, epochs=10, validation_data=val_ds)
    """
    assert "KL306" not in codes(src)
    assert "KL309" not in codes(src.replace("epochs=10", "epochs=1"))


@pytest.mark.parametrize("val_subset,val_dir,fires", [
    ("training", "data/images", True),     # copy-paste slip: the validation set is the training split
    ("validation", "data/images", False),
    ("training", "data/val_images", False),  # another directory
])
def test_kl307_directory_loader_training_subset_used_for_validation(val_subset, val_dir, fires):
    src = f"""
    import tensorflow as tf
    train_ds = tf.keras.utils.image_dataset_from_directory(
        "data/images", validation_split=0.2, subset="training", seed=123, image_size=(180, 180))
    val_ds = tf.keras.utils.image_dataset_from_directory(
        "{val_dir}", validation_split=0.2, subset="{val_subset}", seed=123, image_size=(180, 180))
    model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255, input_shape=(180, 180, 3)),
                                 tf.keras.layers.Flatten(), tf.keras.layers.Dense(5)])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(train_ds.cache().prefetch(2), epochs=10, validation_data=val_ds.cache().prefetch(2))
    """
    assert ("KL307" in codes(src)) is fires


def test_kl307_flow_from_directory_training_subset_used_for_validation():
    src = """
    from tensorflow.keras.preprocessing.image import ImageDataGenerator
    from tensorflow import keras
    gen = ImageDataGenerator(rescale=1.0 / 255, validation_split=0.2)
    train = gen.flow_from_directory("photos", target_size=(64, 64), subset="training")
    val = gen.flow_from_directory("photos", target_size=(64, 64), subset="{subset}")
    model = keras.Sequential([keras.layers.Flatten(input_shape=(64, 64, 3)), keras.layers.Dense(3)])
    model.compile("adam", keras.losses.CategoricalCrossentropy(from_logits=True))
    model.fit(train, epochs=10, validation_data=val)
    """
    assert "KL307" in codes(src.format(subset="training"))
    assert "KL307" not in codes(src.format(subset="validation"))


@pytest.mark.parametrize("prep", [
    "x_train = x_train.reshape(-1, 784) / 255.0",
    "x_train = x_train.reshape(x_train.shape[0], 28, 28, 1).astype('float32') / 255",
    "x_train = np.reshape(x_train, (-1, 28 * 28)) / 255.0",
])
def test_kl305_sample_count_survives_a_reshape_that_keeps_the_values_per_sample(prep):
    src = f"""
    import numpy as np
    from tensorflow import keras
    (x_train, y_train), _ = keras.datasets.mnist.load_data()
    {prep}
    model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10)])
    sched = keras.optimizers.schedules.ExponentialDecay(1e-3, decay_steps=100000, decay_rate=0.96, staircase=True)
    model.compile(keras.optimizers.Adam(sched), keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x_train, y_train, epochs=10, validation_split=0.1)
    """
    assert "KL305" in codes(src)
    # a reshape that changes the values per sample changes the sample count: unknown, silent
    halved = src.replace("784", "392").replace("28 * 28", "14 * 28").replace("28, 28, 1", "14, 28, 1")
    assert "KL305" not in codes(halved)


@pytest.mark.parametrize("schedule", [
    "keras.optimizers.schedules.ExponentialDecay(0.001, 100000, -0.5)",
    "keras.optimizers.schedules.ExponentialDecay(0.001, 100000, 1e300)",
    "keras.optimizers.schedules.InverseTimeDecay(0.001, 100000, -1.0)",
    "keras.optimizers.schedules.PolynomialDecay(0.001, 100000, power=-1e9)",
    "keras.optimizers.schedules.ExponentialDecay(0.001, 0, 0.5)",
    "keras.optimizers.schedules.PiecewiseConstantDecay([], [])",
])
def test_kl305_odd_literals_never_crash(schedule):
    found = codes(SCHEDULE.format(schedule=schedule, fit=FIT10))
    assert "KL999" not in found


def test_kl305_keras1_samples_per_epoch_makes_the_epoch_length_unknown():
    src = SCHEDULE.replace("model.compile", "gen = ImageDataGenerator().flow(x_train, y_train, batch_size=32)\n"
                           "model.compile").replace("import tensorflow as tf", "import tensorflow as tf\n"
                           "from keras.preprocessing.image import ImageDataGenerator")
    sched = "keras.optimizers.schedules.ExponentialDecay(0.001, 100000, 0.96, staircase=True)"
    assert "KL305" in codes(src.format(schedule=sched, fit="model.fit_generator(gen, nb_epoch=10)"))
    assert "KL305" not in codes(src.format(schedule=sched,
                                           fit="model.fit_generator(gen, samples_per_epoch=600000, nb_epoch=10)"))


def test_kl309_silent_when_an_unknown_model_is_called_inside_the_graph():
    # keras-io text_extraction_with_bert.py: a transformers encoder inside a functional model, fine-tuned 1 epoch
    src = """
    from tensorflow import keras
    from transformers import TFBertModel
    encoder = TFBertModel.from_pretrained("bert-base-uncased")
    input_ids = keras.Input(shape=(384,), dtype="int32")
    embedding = encoder(input_ids)[0]
    logits = keras.layers.Dense(2)(keras.layers.Flatten()(embedding))
    model = keras.Model(inputs=input_ids, outputs=logits)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=5e-5), loss="mse")
    model.fit(x_train, y_train, epochs=1)
    """
    assert "KL309" not in codes(src)


@pytest.mark.parametrize("fit,fires", [
    ("model.fit(X, y, epochs=10, validation_data=(X_test, y_test))", True),         # trains on all of X
    ("model.fit(X_train, y_train, epochs=10, validation_data=(X_test, y_test))", False),
    ("X = X / X.max()\nmodel.fit(X, y, epochs=10, validation_data=(X_test, y_test))", False),  # X rebound: unknown
])
def test_kl307_validation_split_off_the_training_array(fit, fires):
    src = f"""
    import numpy as np
    from sklearn.model_selection import train_test_split
    from tensorflow import keras
    X = np.load("x.npy")
    X = X.astype("float32")
    y = np.load("y.npy")
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
    model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid", input_shape=(12,))])
    model.compile("adam", "binary_crossentropy")
    {fit}
    """
    assert ("KL307" in codes(src)) is fires

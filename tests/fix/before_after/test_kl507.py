from tests.fix.before_after.codemod import assert_fix


def _model(units: int, activation: str) -> str:
    return f"""
    from tensorflow import keras
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense({units}, activation="{activation}")])
    model.compile(optimizer="adam", loss="mse")
    """


def test_predict_proba_is_predict():
    assert_fix("KL507", before=_model(3, "softmax") + "p = model.predict_proba(x)\n",
               after=_model(3, "softmax") + "p = model.predict(x)\n", title="Use `predict`")


def test_predict_classes_of_several_units_is_argmax():
    assert_fix("KL507", before=_model(3, "softmax") + "c = model.predict_classes(x, verbose=0)\n",
               after=_model(3, "softmax") + "c = model.predict(x, verbose=0).argmax(axis=-1)\n",
               title="Use `predict` and argmax")


def test_predict_classes_of_one_unit_is_a_threshold():
    assert_fix("KL507", before=_model(1, "sigmoid") + "c = model.predict_classes(x)\n",
               after=_model(1, "sigmoid") + 'c = (model.predict(x) > 0.5).astype("int32")\n',
               title="a 0.5 threshold")


def test_no_fix_for_predict_classes_of_an_unknown_model():
    assert_fix("KL507", before="from keras.models import load_model\nmodel = load_model('m.keras')\n"
                               "c = model.predict_classes(x)\n", after=None)


def test_built_layer_shape_attribute():
    model = ('from keras.models import Sequential\nfrom keras.layers import Dense\n'
             'model = Sequential([Dense(8, activation="relu", input_shape=(4,)), Dense(1, activation="sigmoid")])\n')
    assert_fix("KL507", before=model + "print(model.layers[0].input_shape)  # (None, 4)\n",
               after=model + "print(model.layers[0].input.shape)  # (None, 4)\n", title="Use `.input.shape`")


def test_no_fix_for_the_shape_of_a_layer_of_unknown_input():
    assert_fix("KL507", before="from keras import layers\nlayer = layers.Dense(3)\nprint(layer.output_shape)\n",
               after=None)

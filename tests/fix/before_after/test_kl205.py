from tests.fix.before_after.codemod import assert_fix

HEAD = ("from tensorflow import keras\n"
        "model = keras.Sequential([keras.Input(shape=(13,)), keras.layers.Dense(1)])\n")


def test_accuracy_on_a_regression_target_becomes_mae():
    assert_fix("KL205",
               before=HEAD + "model.compile(optimizer='adam', loss='mse', metrics=['accuracy'])\nmodel.fit(x, y)\n",
               after=HEAD + "model.compile(optimizer='adam', loss='mse', metrics=['mae'])\nmodel.fit(x, y)\n",
               unsafe=True, title="Track mae instead of accuracy")


def test_accuracy_is_dropped_when_mae_is_tracked_and_a_metric_class_becomes_mean_absolute_error():
    assert_fix("KL205",
               before=HEAD + "model.compile(optimizer='adam', loss='mse', metrics=[keras.metrics.Accuracy(), 'mae'])\n"
                             "model.fit(x, y)\n",
               after=HEAD + "model.compile(optimizer='adam', loss='mse', metrics=['mae'])\nmodel.fit(x, y)\n",
               unsafe=True)
    assert_fix("KL205",
               before=HEAD + "model.compile(optimizer='adam', loss='mse', metrics=[keras.metrics.Accuracy()])\n"
                             "model.fit(x, y)\n",
               after=HEAD + "model.compile(optimizer='adam', loss='mse', metrics=[keras.metrics.MeanAbsoluteError()])\n"
                            "model.fit(x, y)\n",
               unsafe=True)


def test_a_classifier_trained_with_mse_gets_the_same_fix():
    before = ("from tensorflow import keras\n"
              "model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1, activation='sigmoid')])\n"
              "model.compile(optimizer='adam', loss='mse', metrics=['accuracy'])\nmodel.fit(x, y)\n")
    assert_fix("KL205", before=before, after=before.replace("['accuracy']", "['mae']"), unsafe=True)


def test_no_fix_when_the_metrics_are_a_variable():
    assert_fix("KL205",
               before=HEAD + "metrics = ['accuracy']\nmodel.compile(optimizer='adam', loss='mse', metrics=metrics)\n"
                             "model.fit(x, y)\n",
               after=None)

from tests.fix.before_after.codemod import assert_fix

HEAD = "from keras.models import Sequential\nfrom keras.layers import Dense, Convolution2D\nmodel = Sequential()\n"


def test_keras1_keyword_is_renamed():
    assert_fix("KL506",
               before=HEAD + 'model.add(Dense(output_dim=64, init="uniform", input_dim=8))\n',
               after=HEAD + 'model.add(Dense(units=64, kernel_initializer="uniform", input_dim=8))\n',
               title="Rename `init=` to `kernel_initializer=`")


def test_dim_ordering_value_is_mapped():
    assert_fix("KL506",
               before=HEAD + 'model.add(Convolution2D(32, (3, 3), dim_ordering="th", input_shape=(1, 28, 28)))\n',
               after=HEAD + 'model.add(Convolution2D(32, (3, 3), data_format="channels_first", input_shape=(1, 28, 28)))\n',
               title="Use `data_format=`")


def test_positional_kernel_becomes_a_tuple():
    assert_fix("KL506",
               before=HEAD + "model.add(Convolution2D(32, 3, 3, input_shape=(28, 28, 1)))\n",
               after=HEAD + "model.add(Convolution2D(32, (3, 3), input_shape=(28, 28, 1)))\n",
               title="Pass the kernel size as a tuple")


def test_no_fix_when_the_new_keyword_is_given_too():
    assert_fix("KL506", before=HEAD + "model.add(Dense(output_dim=64, units=64, input_dim=8))\n", after=None)


def test_no_fix_for_a_dim_ordering_that_is_not_a_literal():
    assert_fix("KL506", before=HEAD + "order = input()\n"
                                      "model.add(Convolution2D(32, (3, 3), dim_ordering=order, input_shape=(1, 28, 28)))\n",
               after=None)

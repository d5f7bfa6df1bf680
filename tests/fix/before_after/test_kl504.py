from tests.fix.before_after.codemod import assert_fix


def test_lr_is_renamed_learning_rate_and_the_comment_stays():
    assert_fix("KL504",
               before="""
               from keras.optimizers import Adam
               opt = Adam(lr=1e-3,  # tuned
                          beta_1=0.9)
               """,
               after="""
               from keras.optimizers import Adam
               opt = Adam(learning_rate=1e-3,  # tuned
                          beta_1=0.9)
               """, title="Rename `lr=` to `learning_rate=`")


def test_decay_is_left_and_said_so():
    assert_fix("KL504",
               before="import tensorflow as tf\nopt = tf.keras.optimizers.SGD(lr=0.01, decay=1e-6)\n",
               after="import tensorflow as tf\nopt = tf.keras.optimizers.SGD(learning_rate=0.01, decay=1e-6)\n",
               title="`decay=` has no safe equivalent")


def test_no_fix_when_learning_rate_is_given_too():
    assert_fix("KL504", before="from keras.optimizers import Adam\nopt = Adam(lr=1e-3, learning_rate=1e-4)\n",
               after=None)


def test_no_fix_for_decay_alone():
    assert_fix("KL504", before="from keras.optimizers import Adam\nopt = Adam(decay=1e-4)\n", after=None)

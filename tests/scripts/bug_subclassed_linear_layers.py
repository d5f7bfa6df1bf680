# expect: KL108
# why: a subclassed tabular model whose hidden Dense layers were declared without activation: the stack is one linear map.
import pandas as pd
import tensorflow as tf
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("adult_numeric.csv")
X = StandardScaler().fit_transform(df.drop(columns=["income"]).values)
y = df["income"].values


class IncomeNet(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.h1 = tf.keras.layers.Dense(64)
        self.h2 = tf.keras.layers.Dense(32)
        self.drop = tf.keras.layers.Dropout(0.2)
        self.out = tf.keras.layers.Dense(1, activation="sigmoid")

    def call(self, x, training=False):
        x = self.h1(x)
        x = self.h2(x)
        return self.out(self.drop(x, training=training))


model = IncomeNet()
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=25, batch_size=128, validation_split=0.2)

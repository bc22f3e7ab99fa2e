function stemWord(word) { var env = new SnowballEnv(word); stem(env); return env.result(); }
if (typeof module === "object" && module.exports) module.exports = { stem: stemWord };
else root.helpsiteStem = stemWord;
})(typeof window !== "undefined" ? window : this);

package ai.archon.gateway.bench.search;

/** A model the search may place in any role, as {@code <model_type>/<model>} (the model may hold more slashes). */
record ModelRef(String modelType, String model) {

  static ModelRef parse(String s) {
    String t = s.trim();
    int slash = t.indexOf('/');
    if (slash <= 0 || slash == t.length() - 1) {
      throw new IllegalArgumentException("--models takes <model_type>/<model> names, like OpenAI_API/gpt-4o, got '"
          + s + "'");
    }
    return new ModelRef(t.substring(0, slash), t.substring(slash + 1));
  }

  @Override
  public String toString() {
    return modelType + "/" + model;
  }
}

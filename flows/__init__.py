"""vngov: extraction flows."""

"""``scaffold compare``: what each framework costs, counted on real generated projects."""

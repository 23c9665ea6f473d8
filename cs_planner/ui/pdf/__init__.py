"""The PDF account plan, written by Qt (``plan.write_plan_pdf``)."""

# The one image every Airflow service of docker-compose.yml runs: Airflow 3.3.2 plus the
# project's locked dependencies and its code. Build context: the repository root.
FROM apache/airflow:3.3.2-python3.11

# Dependencies first, so code edits do not reinstall them. The lock pins apache-airflow==3.3.2
# and its providers, so pip keeps the image's Airflow rather than resolving another one.
COPY --chown=airflow:0 requirements.lock /opt/wirehouse/requirements.lock
RUN pip install --no-cache-dir -r /opt/wirehouse/requirements.lock

# The code keeps the repository layout: load/db.py finds sql/ next to the packages.
COPY --chown=airflow:0 pyproject.toml /opt/wirehouse/pyproject.toml
COPY --chown=airflow:0 wirehouse /opt/wirehouse/wirehouse
COPY --chown=airflow:0 extract /opt/wirehouse/extract
COPY --chown=airflow:0 transform /opt/wirehouse/transform
COPY --chown=airflow:0 load /opt/wirehouse/load
COPY --chown=airflow:0 sql /opt/wirehouse/sql
COPY --chown=airflow:0 dags /opt/airflow/dags
COPY --chown=airflow:0 plugins /opt/airflow/plugins
ENV PYTHONPATH=/opt/wirehouse

# Mount points of the named volumes, created as the airflow user so Docker initialises the
# volumes with that owner (the services run as uid 50000).
RUN mkdir -p /opt/airflow/auth /opt/airflow/wirehouse-data /opt/airflow/feeds

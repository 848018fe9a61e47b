// Where the tracking server and its credentials are read is core/api's, so every face checks them alike.
export { parseTrackingUri, trackingAuthorization } from '../../api/mlflow-tracking.js';

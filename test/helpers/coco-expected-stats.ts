import type { IouType } from '../../core/evaluate/coco/coco-eval.js';

/**
 * From MiXaiLL76/faster_coco_eval, tests/test_cocoapi_fake_data.py at commit 33ab6097d798, the
 * `self.stats["bbox"]` and `self.stats["segm"]` lists (checked there with assertAlmostEqual to 10
 * places), in pycocotools' order: AP, AP50, AP75, AP small/medium/large, AR 1/10/100, AR
 * small/medium/large. cocoapi's results/val2014_fake_eval_res.txt prints the same to 3 decimals.
 * scripts/coco/compare-pycocotools.py runs pycocotools' own coco.py and cocoeval.py on these files:
 * the port's stats and whole precision and recall arrays equal its bit for bit. (segm APs there is
 * 0.3873740315997837, one unit in the last place below the number faster_coco_eval's test keeps.)
 */
export const EXPECTED: Record<IouType, number[]> = {
  bbox: [
    0.5045806987249628, 0.6969727247299577, 0.5729816669904824, 0.5856257209410443, 0.5193996948036719, 0.5013978986347466,
    0.38681277964578054, 0.5936795762842003, 0.595352982877607, 0.6398109626113442, 0.5664205978994309, 0.5642905982905982,
  ],
  segm: [
    0.3195452758576433, 0.5622883972521636, 0.29892653412086784, 0.3873740315997838, 0.31018272403369485, 0.3269339071005138,
    0.2682297225711534, 0.41544868114906375, 0.4168394992198818, 0.4694498622754236, 0.37675922666197265, 0.3814715099715099,
  ],
};
